package bgmbatch.job;

/**
 * Reading the next item from the ledger failed. No item was read, so there is nothing to
 * skip: the worker must fail. (Skipping it made the chunk loop read, fail and skip again
 * forever, committing an empty chunk each time: a hung run.)
 */
final class ClaimReadException extends RuntimeException {

	ClaimReadException(Throwable cause) {
		super("cannot read the next item from the ledger: " + cause.getMessage(), cause);
	}

}
