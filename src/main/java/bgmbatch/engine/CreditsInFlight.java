package bgmbatch.engine;

import java.util.function.Supplier;

/**
 * The credits other items of a job have committed to and not yet paid, counted where
 * every worker of the job sees them (the ledger), so a paid engine can check before an
 * item's first paid call that the balance covers that item and the items already in
 * flight. An item commits credits by recording {@link WorkItem#CREDITS_HELD} in its
 * journal and releases them by recording it as null once they are paid. The check and
 * the commitment go together in {@link #exclusively}, across every process of the job.
 */
public interface CreditsInFlight {

	/**
	 * @param jobKey the job
	 * @param itemId the item asking, which is not counted
	 * @return the credits held by the job's other items that are in flight now (claimed by a worker)
	 */
	int heldByOthers(String jobKey, String itemId);

	/**
	 * Runs the work while no other worker of the job (in any process) runs work given to
	 * this method for the same job.
	 */
	<T> T exclusively(String jobKey, Supplier<T> work);

}
