package bgmbatch.cli;

import java.io.PrintStream;

import bgmbatch.BgmBatchApplication;
import bgmbatch.job.JobRunner;
import bgmbatch.job.StopOnSignal;
import bgmbatch.manifest.ManifestException;
import bgmbatch.media.MissingToolException;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.StateFolderException;

import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.context.ConfigurableApplicationContext;

/** Reads the command line, runs the job in a Spring context, and turns the outcome into an exit code. */
public final class Cli {

	private final PrintStream out;

	private final PrintStream err;

	public Cli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public int run(String[] args) {
		Arguments arguments;
		try {
			arguments = Arguments.parse(args);
		}
		catch (UsageException ex) {
			this.err.println("error: " + ex.getMessage());
			this.err.println("Run with --help for usage.");
			return ExitCode.USAGE.code();
		}
		if (arguments.help()) {
			this.out.print(Usage.TEXT);
			return ExitCode.OK.code();
		}
		if (!Arguments.RUN.equals(arguments.command())) {
			return new Commands(this.out, this.err).run(arguments);
		}
		String stateProblem = Commands.stateFolderProblem(arguments);
		if (stateProblem != null) {
			this.err.println("error: " + stateProblem);
			return ExitCode.USAGE.code();
		}
		String holder = Commands.runningHolder(arguments);
		if (holder != null) {
			// said before Spring starts: a context failing on the lock would print its stack trace
			this.err.println(holder);
			return ExitCode.ALREADY_RUNNING.code();
		}
		// closed after the context: a signal's clean stop waits for the context to close
		try (StopOnSignal signals = StopOnSignal.install(this.out);
				ConfigurableApplicationContext context = BgmBatchApplication.application()
					.run(arguments.springArguments().toArray(String[]::new))) {
			signals.watch(context.getBean(StopOnSignal.RunStop.class));
			return context.getBean(JobRunner.class).run().code();
		}
		catch (AbandonedRunException ex) {
			// the build's AOT processing (process-aot) stops the application here on purpose
			throw ex;
		}
		catch (Exception ex) {
			return fail(ex);
		}
	}

	int fail(Exception ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof AlreadyRunningException) {
				this.err.println(cause.getMessage());
				return ExitCode.ALREADY_RUNNING.code();
			}
			if (cause instanceof ManifestException || cause instanceof StateFolderException
					|| cause instanceof MissingToolException || cause instanceof UsageException) {
				this.err.println("error: " + cause.getMessage());
				return ExitCode.USAGE.code();
			}
			cause = cause.getCause();
		}
		this.err.println("error: " + ex.getMessage());
		return ExitCode.FAILED.code();
	}

}
