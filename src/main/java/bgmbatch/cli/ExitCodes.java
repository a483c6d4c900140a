package bgmbatch.cli;

import bgmbatch.job.ExitCode;
import bgmbatch.manifest.ManifestException;
import bgmbatch.media.MissingToolException;
import bgmbatch.settings.UsageException;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.StateFolderException;

import org.springframework.boot.ExitCodeExceptionMapper;

/**
 * The one place a failure becomes an exit code and the line the operator reads. A run
 * that ends on its own has its outcome already ({@link ExitCode} from the job); this maps
 * everything that stops a run from ending: the cause that says what the operator must do
 * decides, however deep Spring wrapped it.
 */
final class ExitCodes implements ExitCodeExceptionMapper {

	@Override
	public int getExitCode(Throwable exception) {
		return of(exception).code();
	}

	static ExitCode of(Throwable exception) {
		Throwable cause = decisive(exception);
		if (cause instanceof AlreadyRunningException) {
			return ExitCode.ALREADY_RUNNING;
		}
		return isRefusal(cause) ? ExitCode.USAGE : ExitCode.FAILED;
	}

	/** The line to print: the decisive cause's own message, which says what to do. */
	static String line(Throwable exception) {
		Throwable cause = decisive(exception);
		if (cause instanceof AlreadyRunningException) {
			return cause.getMessage();
		}
		return "error: " + cause.getMessage();
	}

	private static Throwable decisive(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof AlreadyRunningException || isRefusal(cause)) {
				return cause;
			}
		}
		return exception;
	}

	private static boolean isRefusal(Throwable cause) {
		return cause instanceof ManifestException || cause instanceof StateFolderException
				|| cause instanceof MissingToolException || cause instanceof UsageException;
	}

}
