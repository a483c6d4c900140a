package bgmbatch.ledger;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Items that workers handed back because their machine cannot work on them (it does not
 * see the input at the manifest's path, or cannot write the output folder: a shared mount
 * missing on that machine). A refusal is not an attempt on the item: the worker lets go of
 * it and never claims it again in this run ({@link Ledger#claimNext} passes over it), and
 * the other workers may take it. Shared databases only (PostgreSQL): on one machine every
 * worker sees what the run sees.
 */
public final class ItemRefusals {

	private static final int MAX_REASON = 4000;

	private final JdbcClient jdbc;

	private final TransactionTemplate autonomous;

	public ItemRefusals(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.autonomous = new TransactionTemplate(transactionManager);
		this.autonomous.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Records why the worker cannot work on the item and lets go of it, in one commit. */
	public void handBack(String jobKey, String itemId, String worker, String reason) {
		String text = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
		this.autonomous.executeWithoutResult((tx) -> {
			this.jdbc.sql("""
					INSERT INTO BGM_REFUSAL (JOB_KEY, ITEM_ID, WORKER, REASON) VALUES (?, ?, ?, ?)
					ON CONFLICT (JOB_KEY, ITEM_ID, WORKER) DO UPDATE SET REASON = EXCLUDED.REASON""")
				.params(jobKey, itemId, worker, text)
				.update();
			this.jdbc.sql("""
					UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL
					WHERE JOB_KEY = ? AND ITEM_ID = ? AND CLAIMED_BY = ?""")
				.params(jobKey, itemId, worker)
				.update();
		});
	}

	/**
	 * The reasons of the given workers that refused the item, by worker, when every one of
	 * them did; empty when any of them may still work on it.
	 */
	public Map<String, String> refusedByAll(String jobKey, String itemId, Collection<String> workers) {
		Map<String, String> reasons = new LinkedHashMap<>();
		this.jdbc.sql("SELECT WORKER, REASON FROM BGM_REFUSAL WHERE JOB_KEY = ? AND ITEM_ID = ? ORDER BY WORKER")
			.params(jobKey, itemId)
			.query((rs) -> {
				reasons.put(rs.getString(1), rs.getString(2));
			});
		return reasons.keySet().containsAll(workers) ? reasons : Map.of();
	}

	/** The items the worker handed back that still wait for a worker, none holding them now. */
	public List<String> waitingAfter(String jobKey, String worker) {
		return this.jdbc.sql("""
				SELECT R.ITEM_ID FROM BGM_REFUSAL R JOIN BGM_ITEM I ON I.JOB_KEY = R.JOB_KEY AND I.ITEM_ID = R.ITEM_ID
				WHERE R.JOB_KEY = ? AND R.WORKER = ? AND I.STATUS = 'PENDING' AND I.CLAIMED_BY IS NULL""")
			.params(jobKey, worker)
			.query(String.class)
			.list();
	}

	/** Forgets the job's refusals: a new run gives every worker a new chance at every item (a mount fixed since). */
	public void forget(String jobKey) {
		this.autonomous.executeWithoutResult(
				(tx) -> this.jdbc.sql("DELETE FROM BGM_REFUSAL WHERE JOB_KEY = ?").param(jobKey).update());
	}

}
