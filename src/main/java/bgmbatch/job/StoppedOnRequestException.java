package bgmbatch.job;

/**
 * A stage cut short by a stop on request (its program killed): the item keeps the stage
 * it was at, for the next run, and the worker ends.
 */
final class StoppedOnRequestException extends RuntimeException {

	StoppedOnRequestException(Throwable cause) {
		super("stopped on request while running a stage", cause);
	}

}
