package bgmbatch.job;

/**
 * Reading the ledger for a lane failed. No item was read, so there is nothing to skip:
 * the step must fail. (Skipping it made the chunk loop read, fail and skip again
 * forever, committing an empty chunk each time: a hung run.)
 */
final class LaneReadException extends RuntimeException {

	LaneReadException(Throwable cause) {
		super("cannot read the items waiting for this stage: " + cause.getMessage(), cause);
	}

}
