package bgmbatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import bgmbatch.job.ExitCode;
import bgmbatch.job.JobRunner;
import bgmbatch.job.StopOnSignal;
import bgmbatch.live.LiveSnapshot;
import bgmbatch.live.LiveStatusFile;
import bgmbatch.settings.RunProperties;
import bgmbatch.settings.UsageException;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.RunLock;
import bgmbatch.state.RunLocks;
import bgmbatch.state.StateFolder;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the manifest, a worker or a job command on the settings bound before the context
 * starts. {@code jobs} reads every manifest's database directly; the others take the
 * manifest's run lock first (a run in progress owns its database), then start the job's
 * context and run inside it. While a run is in progress, {@code status} reads the status
 * that run publishes instead. On a shared database (PostgreSQL) there is no file lock:
 * runs of any machine share it.
 */
final class Commands {

	private final PrintStream out;

	private final RunProperties settings;

	private final List<String> springArguments;

	private final Function<List<String>, ConfigurableApplicationContext> start;

	/**
	 * @param springArguments the command line as Spring reads it
	 * @param start starts the application with the arguments given
	 */
	Commands(PrintStream out, RunProperties settings, List<String> springArguments,
			Function<List<String>, ConfigurableApplicationContext> start) {
		this.out = out;
		this.settings = settings;
		this.springArguments = springArguments;
		this.start = start;
	}

	ExitCode run(String command) throws Exception {
		// checked before Spring starts: its logging would otherwise try to open a log file there
		StateFolder state = StateFolder.of(this.settings.stateDir());
		state.ensureWritable();
		if (Arguments.RUN.equals(command)) {
			return runManifest(state);
		}
		if (Arguments.WORKER.equals(command)) {
			List<String> worker = new ArrayList<>(this.springArguments);
			worker.add("--bgm.worker=true");
			return new WorkerCommand(this.out).run(() -> this.start.apply(worker));
		}
		Optional<SharedDatabase> shared = SharedDatabase.of(this.springArguments);
		if ("jobs".equals(command)) {
			return shared.isPresent() ? new JobsCommand(state.root()).run(this.out, shared.get())
					: new JobsCommand(state.root()).run(this.out);
		}
		Path manifest = this.settings.manifest();
		if (manifest == null) {
			throw new UsageException(command + " needs manifest=FILE (the manifest the job ran)");
		}
		if (shared.isPresent()) {
			return runInContext(command);
		}
		if (!Files.isDirectory(state.databaseFolder(manifest))) {
			throw new UsageException("no job of " + manifest.toAbsolutePath().normalize() + " in " + state.root()
					+ " (run 'jobs' to list the known ones, or give state-dir=DIR)");
		}
		Path lockFile = state.lockFile(manifest);
		Optional<RunLock> lock = RunLock.tryAcquire(lockFile);
		if (lock.isEmpty()) {
			return inProgress(command, state, manifest, lockFile);
		}
		// only a check with a friendly message: the context takes the lock itself, for its
		// whole life, before it opens the database; a run that starts in between makes that
		// fail with exit 5 just the same
		lock.get().close();
		return runInContext(command);
	}

	private ExitCode runInContext(String command) throws Exception {
		try (ConfigurableApplicationContext context = this.start.apply(this.springArguments)) {
			ManifestCommand manifestCommand = switch (command) {
				case "status" -> context.getBean(StatusCommand.class);
				case "abandon" -> context.getBean(AbandonCommand.class);
				case "retry-skipped" -> context.getBean(RetrySkippedCommand.class);
				default -> throw new UsageException("unknown command '" + command + "'");
			};
			return manifestCommand.run(this.out);
		}
	}

	/**
	 * A command on a manifest whose run is in progress: {@code status} shows the run's own
	 * published status (its database is the run's alone); the others wait for it to end.
	 */
	private ExitCode inProgress(String command, StateFolder state, Path manifest, Path lockFile) {
		String running = "A run of " + manifest + " is in progress (process " + RunLock.holder(lockFile) + ")";
		if (!"status".equals(command)) {
			this.out.println(running + "; try again when it has ended.");
			return ExitCode.ALREADY_RUNNING;
		}
		Optional<LiveSnapshot> live = new LiveStatusFile(state.liveStatusFile(manifest)).readOwnedBy(lockFile);
		if (live.isEmpty()) {
			this.out.println(running + "; it has not published its status yet (it is starting, or checking the "
					+ "manifest). Try again in a moment.");
			return ExitCode.OK;
		}
		new LiveStatusView(Instant.now()).print(live.get(), this.out);
		return ExitCode.OK;
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
		// closed after the context: a signal's clean stop waits for the context to close
		try (StopOnSignal signals = StopOnSignal.install(this.out);
				ConfigurableApplicationContext context = this.start.apply(this.springArguments)) {
			signals.watch(context.getBean(StopOnSignal.RunStop.class));
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
