package bgmbatch.ledger;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The credits the items in flight hold, and the lock a credit check and the session it
 * pays for run under, so that two workers never both spend the last credits.
 */
final class CreditChecks {

	private final ItemTable table;

	/** The credit check of the embedded database's one process (PostgreSQL's is an advisory lock). */
	private final ReentrantLock creditCheck = new ReentrantLock();

	CreditChecks(ItemTable table) {
		this.table = table;
	}

	/** The credits held by the job's other items that workers hold now. */
	int heldByOthers(String jobKey, String itemId) {
		return this.table.jdbc.sql("""
				SELECT COALESCE(SUM(CREDITS_HELD), 0) FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID <> ?
				  AND STATUS = 'PENDING' AND CLAIMED_BY IS NOT NULL""")
			.params(jobKey, itemId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Runs the work while no other worker of the job, in this process or any other, runs
	 * work given to this method. On PostgreSQL an advisory lock, taken and released on the
	 * connection of a transaction of its own (so a failure of the work never marks the
	 * caller's transaction for rollback); a process that dies drops it with its connection.
	 */
	<T> T exclusively(String jobKey, Supplier<T> work) {
		Optional<LedgerDialect.SharedLock> shared = this.table.dialect.sharedLock();
		if (shared.isPresent()) {
			long key = AdvisoryLocks.key("credits", jobKey);
			return this.table.autonomous.execute((tx) -> {
				this.table.jdbc.sql(shared.get().take()).param(key).query(Integer.class).single();
				try {
					return work.get();
				}
				finally {
					this.table.jdbc.sql(shared.get().release()).param(key).query(Integer.class).single();
				}
			});
		}
		this.creditCheck.lock();
		try {
			return work.get();
		}
		finally {
			this.creditCheck.unlock();
		}
	}

}
