package bgmbatch.ledger;

/**
 * A worker tried to record something for an item it no longer holds: its lease ran out
 * (the worker stalled, or lost the database for longer than a lease) and another worker
 * may have taken the item over. The stage's result is not recorded and nothing that
 * follows a write-ahead mark is done; the item goes on with its new holder.
 */
public class ClaimLostException extends RuntimeException {

	public ClaimLostException(String worker, String itemId) {
		super(worker + " no longer holds item " + itemId + " (its lease ran out); another worker continues it");
	}

}
