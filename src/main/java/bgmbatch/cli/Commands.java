package bgmbatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import bgmbatch.job.ExitCode;
import bgmbatch.job.JobRunner;
import bgmbatch.settings.BgmProperties;
import bgmbatch.settings.UsageException;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.RunLock;
import bgmbatch.state.RunLocks;
import bgmbatch.state.StateFolder;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the manifest or a job command on the settings bound before the context starts.
 * {@code jobs} reads every manifest's database directly; the others take the manifest's
 * run lock first (a run in progress owns its database), then start the job's context and
 * run inside it.
 */
final class Commands {

	private final PrintStream out;

	private final BgmProperties settings;

	private final Supplier<ConfigurableApplicationContext> context;

	Commands(PrintStream out, BgmProperties settings, Supplier<ConfigurableApplicationContext> context) {
		this.out = out;
		this.settings = settings;
		this.context = context;
	}

	ExitCode run(String command) throws Exception {
		// checked before Spring starts: its logging would otherwise try to open a log file there
		StateFolder state = StateFolder.of(this.settings.stateDir());
		state.ensureWritable();
		if (Arguments.RUN.equals(command)) {
			return runManifest(state);
		}
		if ("jobs".equals(command)) {
			return new JobsCommand(state.root()).run(this.out);
		}
		Path manifest = this.settings.manifest();
		if (manifest == null) {
			throw new UsageException(command + " needs manifest=FILE (the manifest the job ran)");
		}
		if (!Files.isDirectory(state.databaseFolder(manifest))) {
			throw new UsageException("no job of " + manifest.toAbsolutePath().normalize() + " in " + state.root()
					+ " (run 'jobs' to list the known ones, or give state-dir=DIR)");
		}
		Path lockFile = state.lockFile(manifest);
		Optional<RunLock> lock = RunLock.tryAcquire(lockFile);
		if (lock.isEmpty()) {
			this.out.println("A run of " + manifest + " is in progress (process " + RunLock.holder(lockFile)
					+ "); try again when it has ended.");
			return ExitCode.ALREADY_RUNNING;
		}
		// only a check with a friendly message: the context takes the lock itself, for its
		// whole life, before it opens the database (AppConfiguration.runLock); a run that
		// starts in between makes that fail with exit 5 just the same
		lock.get().close();
		try (ConfigurableApplicationContext context = this.context.get()) {
			ManifestCommand manifestCommand = switch (command) {
				case "status" -> context.getBean(StatusCommand.class);
				case "abandon" -> context.getBean(AbandonCommand.class);
				case "retry-skipped" -> context.getBean(RetrySkippedCommand.class);
				default -> throw new UsageException("unknown command '" + command + "'");
			};
			return manifestCommand.run(this.out);
		}
	}

	private ExitCode runManifest(StateFolder state) throws Exception {
		if (this.settings.manifest() == null) {
			throw new UsageException("no manifest given: run with manifest=FILE (see --help)");
		}
		Optional<String> holder = runningHolder(state);
		if (holder.isPresent()) {
			// said before Spring starts, in one line; the context takes the locks itself
			throw new AlreadyRunningException(holder.get());
		}
		try (ConfigurableApplicationContext context = this.context.get()) {
			return context.getBean(JobRunner.class).run();
		}
	}

	/**
	 * Whether another live process holds a run lock this run needs (its output folder's or
	 * its manifest database's). Only a courtesy check: the context takes the locks itself
	 * before opening the database.
	 */
	private Optional<String> runningHolder(StateFolder state) {
		try {
			return RunLocks.busy(state, this.settings.manifest(), this.settings.outputFolder(),
					this.settings.outputBucket().map(Object::toString).orElse(null));
		}
		catch (IOException ex) {
			// the context's own check will say what is wrong
			return Optional.empty();
		}
	}

}
