package bgmbatch.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Claims and their leases: a worker claims the next waiting item in manifest order and
 * holds it while its lease lasts (renewed while it works); only a claim that is free or
 * whose lease ran out can be taken. Lease times are the database's, so the machines of a
 * distributed run need not agree on the time.
 */
final class ItemClaims {

	private final ItemTable table;

	/**
	 * Claims go one at a time within this process on the embedded database, which has no
	 * {@code SKIP LOCKED} (and only this process opens it).
	 */
	private final Object claiming = new Object();

	ItemClaims(ItemTable table) {
		this.table = table;
	}

	/** Claims the first waiting item no live lease holds, and commits the claim. */
	Optional<LedgerItem> claimNext(String jobKey, String worker, Duration lease) {
		LedgerDialect dialect = this.table.dialect;
		Optional<String> inOne = dialect.claimInOneStatement();
		if (inOne.isPresent()) {
			return this.table.autonomous.execute((tx) -> this.table.jdbc.sql(inOne.get())
				.params(worker, lease.toMillis(), jobKey, jobKey, worker)
				.query(String.class)
				.optional()
				.flatMap((id) -> this.table.find(jobKey, id)));
		}
		synchronized (this.claiming) {
			return this.table.autonomous.execute((tx) -> {
				Optional<String> next = this.table.jdbc.sql("""
						SELECT ITEM_ID FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
						  AND (CLAIMED_BY IS NULL OR LEASE_UNTIL < %s) ORDER BY SEQ LIMIT 1""".formatted(dialect.now()))
					.param(jobKey)
					.query(String.class)
					.optional();
				if (next.isEmpty()) {
					return Optional.<LedgerItem>empty();
				}
				this.table.jdbc.sql("UPDATE BGM_ITEM SET CLAIMED_BY = ?, LEASE_UNTIL = %s WHERE JOB_KEY = ? AND ITEM_ID = ?"
					.formatted(dialect.nowPlusMillis()))
					.params(worker, lease.toMillis(), jobKey, next.get())
					.update();
				return this.table.find(jobKey, next.get());
			});
		}
	}

	/** The workers holding waiting items of the job now, one entry per item held, in order. */
	List<String> holders(String jobKey) {
		return this.table.jdbc.sql("""
				SELECT CLAIMED_BY FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND CLAIMED_BY IS NOT NULL
				ORDER BY CLAIMED_BY""")
			.param(jobKey)
			.query(String.class)
			.list();
	}

	/** Whether any waiting item is held by a worker. */
	boolean anyHeld(String jobKey) {
		return this.table.jdbc.sql("""
				SELECT COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
				  AND CLAIMED_BY IS NOT NULL""")
			.param(jobKey)
			.query(Integer.class)
			.single() > 0;
	}

	/** Extends the worker's lease on the item; false when the worker no longer holds it. */
	boolean renew(String jobKey, String id, String worker, Duration lease) {
		return this.table.autonomous.execute((tx) -> this.table.jdbc
			.sql("UPDATE BGM_ITEM SET LEASE_UNTIL = %s WHERE JOB_KEY = ? AND ITEM_ID = ? AND CLAIMED_BY = ?"
				.formatted(this.table.dialect.nowPlusMillis()))
			.params(lease.toMillis(), jobKey, id, worker)
			.update()) == 1;
	}

	/** Lets go of the item if the worker still holds it. */
	void release(String jobKey, String id, String worker) {
		this.table.autonomous.executeWithoutResult((tx) -> this.table.jdbc
			.sql("UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL WHERE JOB_KEY = ? AND ITEM_ID = ? AND CLAIMED_BY = ?")
			.params(jobKey, id, worker)
			.update());
	}

	/** Lets go of everything the worker holds. */
	int releaseAll(String jobKey, String worker) {
		return this.table.autonomous.execute((tx) -> this.table.jdbc
			.sql("UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL WHERE JOB_KEY = ? AND CLAIMED_BY = ?")
			.params(jobKey, worker)
			.update());
	}

	/** Lets go of every claim in the job. */
	int releaseClaims(String jobKey) {
		return this.table.autonomous.execute((tx) -> this.table.jdbc
			.sql("UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL WHERE JOB_KEY = ? AND CLAIMED_BY IS NOT NULL")
			.param(jobKey)
			.update());
	}

}
