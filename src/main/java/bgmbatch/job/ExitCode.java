package bgmbatch.job;

import bgmbatch.manifest.ManifestException;
import bgmbatch.media.MissingToolException;
import bgmbatch.settings.UsageException;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.StateFolderException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The exit codes cron users script against, and the one place a run's outcome becomes one:
 * {@link #of(JobExecution, int)} for a run that ended on its own (the report and the
 * process say the same), {@link #of(Throwable)} for whatever stopped a run from ending.
 */
public enum ExitCode {

	/** Every item delivered, or nothing to do. */
	OK(0, "every item delivered, or nothing to do"),
	/** Something failed; running the same command again resumes. */
	FAILED(1, "something failed; run the same command again to resume"),
	/** Bad invocation, manifest, state folder or missing tool: nothing was done. */
	USAGE(2, "bad invocation, manifest or state folder, or ffmpeg missing; nothing was done"),
	/** Finished, but some items were skipped (see the report for why). */
	SKIPPED(3, "finished, but some items were skipped (the report says why)"),
	/** Stopped for credits or plan limits; restartable once resolved. */
	HALTED(4, "stopped for credits or plan limits; run again once resolved"),
	/** Another run into the same output folder, or of the same manifest, is in progress. */
	ALREADY_RUNNING(5, "another run into the same output folder, or of the same manifest, is in progress");

	private final int code;

	private final String meaning;

	ExitCode(int code, String meaning) {
		this.code = code;
		this.meaning = meaning;
	}

	public int code() {
		return this.code;
	}

	/** What the code means, in the words of the usage text and the report. */
	public String meaning() {
		return this.meaning;
	}

	/**
	 * The code of a run that ended on its own, as {@link JobConclusion} left its execution.
	 * @param skipped how many of the job's items are skipped
	 */
	public static ExitCode of(JobExecution execution, int skipped) {
		if (JobConclusion.HALTED.equals(execution.getExitStatus().getExitCode())) {
			return HALTED;
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return FAILED;
		}
		return skipped > 0 ? SKIPPED : OK;
	}

	/**
	 * The code of a failure that stopped a run (or a command) from ending: the cause that
	 * says what the operator must do decides, however deep Spring wrapped it.
	 */
	public static ExitCode of(Throwable failure) {
		Throwable cause = decisive(failure);
		if (cause instanceof AlreadyRunningException) {
			return ALREADY_RUNNING;
		}
		return isRefusal(cause) ? USAGE : FAILED;
	}

	/** The line the operator reads for such a failure: the decisive cause's own message, which says what to do. */
	public static String line(Throwable failure) {
		Throwable cause = decisive(failure);
		if (cause instanceof AlreadyRunningException) {
			return cause.getMessage();
		}
		return "error: " + cause.getMessage();
	}

	private static Throwable decisive(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AlreadyRunningException || isRefusal(cause)) {
				return cause;
			}
		}
		return failure;
	}

	private static boolean isRefusal(Throwable cause) {
		return cause instanceof ManifestException || cause instanceof StateFolderException
				|| cause instanceof MissingToolException || cause instanceof UsageException;
	}

}
