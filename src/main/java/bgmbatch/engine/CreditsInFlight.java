package bgmbatch.engine;

/**
 * The credits other items of a job have committed to and not yet paid, counted where
 * every worker of the job sees them (the ledger), so a paid engine can check before an
 * item's first paid call that the balance covers that item and the items already in
 * flight. An item commits credits by recording {@link WorkItem#CREDITS_HELD} in its
 * journal and releases them by recording it as null once they are paid.
 */
@FunctionalInterface
public interface CreditsInFlight {

	/**
	 * @param jobKey the job
	 * @param itemId the item asking, which is not counted
	 * @return the credits held by the job's other items that are in flight now (claimed by a worker)
	 */
	int heldByOthers(String jobKey, String itemId);

}
