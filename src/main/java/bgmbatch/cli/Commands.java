package bgmbatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import bgmbatch.BgmBatchApplication;
import bgmbatch.BgmProperties;
import bgmbatch.state.RunLock;
import bgmbatch.state.RunLocks;
import bgmbatch.state.StateFolder;
import bgmbatch.state.StateFolderException;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the job commands. {@code jobs} reads every manifest's database directly; the
 * others take the manifest's run lock first (a run in progress owns its database), then
 * start the job's context and run inside it.
 */
final class Commands {

	private final PrintStream out;

	private final PrintStream err;

	Commands(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	int run(Arguments arguments) {
		StateFolder state = stateFolder(arguments);
		try {
			if ("jobs".equals(arguments.command())) {
				return new JobsCommand(state.root()).run(this.out).code();
			}
			Optional<String> manifest = setting(arguments, "manifest");
			if (manifest.isEmpty()) {
				this.err.println("error: " + arguments.command() + " needs manifest=FILE (the manifest the job ran)");
				return ExitCode.USAGE.code();
			}
			Path manifestPath = Path.of(manifest.get());
			if (!Files.isDirectory(state.databaseFolder(manifestPath))) {
				this.err.println("error: no job of " + manifestPath.toAbsolutePath().normalize() + " in " + state.root()
						+ " (run 'jobs' to list the known ones, or give state-dir=DIR)");
				return ExitCode.USAGE.code();
			}
			Path lockFile = state.lockFile(manifestPath);
			Optional<RunLock> lock = RunLock.tryAcquire(lockFile);
			if (lock.isEmpty()) {
				this.out.println("A run of " + manifestPath + " is in progress (process " + RunLock.holder(lockFile)
						+ "); try again when it has ended.");
				return ExitCode.ALREADY_RUNNING.code();
			}
			// only a check with a friendly message: the context takes the lock itself, for its
			// whole life, before it opens the database (AppConfiguration.runLock); a run that
			// starts in between makes that fail with exit 5 just the same
			lock.get().close();
			try (ConfigurableApplicationContext context = BgmBatchApplication.application()
				.run(arguments.springArguments().toArray(String[]::new))) {
				ManifestCommand command = switch (arguments.command()) {
					case "status" -> context.getBean(StatusCommand.class);
					case "abandon" -> context.getBean(AbandonCommand.class);
					case "retry-skipped" -> context.getBean(RetrySkippedCommand.class);
					default -> throw new UsageException("unknown command '" + arguments.command() + "'");
				};
				return command.run(this.out).code();
			}
		}
		catch (Exception ex) {
			return new Cli(this.out, this.err).fail(ex);
		}
	}

	/**
	 * Whether another live process holds a run lock the run the arguments ask for needs
	 * (its output folder's or its manifest database's): the message to print, or null (no
	 * manifest given, or both are free). Only a courtesy check: the context takes the locks
	 * itself before opening the database.
	 */
	static String runningHolder(Arguments arguments) {
		Optional<String> manifest = setting(arguments, "manifest");
		if (manifest.isEmpty()) {
			return null;
		}
		Path manifestPath = Path.of(manifest.get());
		StateFolder state = stateFolder(arguments);
		String given = setting(arguments, "output").orElse(null);
		Path output = BgmProperties.outputFolder(manifestPath, given, state.root());
		String bucket = BgmProperties.outputBucket(given).map(Object::toString).orElse(null);
		try {
			return RunLocks.busy(state, manifestPath, output, bucket).orElse(null);
		}
		catch (IOException | RuntimeException ex) {
			// the context's own check will say what is wrong
			return null;
		}
	}

	/**
	 * Why the state folder cannot be used, or null. Checked before Spring starts: its
	 * logging would otherwise try to open a log file there and print pages of traces.
	 */
	static String stateFolderProblem(Arguments arguments) {
		try {
			stateFolder(arguments).ensureWritable();
			return null;
		}
		catch (StateFolderException ex) {
			return ex.getMessage();
		}
	}

	/** The state folder given with state-dir, else the user's default, as the context picks it. */
	private static StateFolder stateFolder(Arguments arguments) {
		return StateFolder.of(setting(arguments, "state-dir").map(Path::of).orElse(null));
	}

	/** A setting from the command line, else from the environment ({@code BGM_STATE_DIR}), as Spring would bind it. */
	private static Optional<String> setting(Arguments arguments, String name) {
		return arguments.setting(name)
			.or(() -> Optional.ofNullable(System.getenv("BGM_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
	}

}
