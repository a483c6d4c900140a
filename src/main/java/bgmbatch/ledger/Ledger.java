package bgmbatch.ledger;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import bgmbatch.engine.CreditsInFlight;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-item stage records, the source of truth for what is done. Every write commits
 * in its own transaction before it returns, whatever transaction the caller is in: a
 * write-ahead handle must be durable before the call it guards. The one exception is
 * {@link #advance}: it joins the caller's transaction (the worker step's chunk), so a
 * stage's result and Spring Batch's record of that chunk commit together, in one durable
 * commit instead of two; if that commit is lost the stage runs again, which every engine
 * stage allows.
 * <p>
 * Workers share the queue through claims: a worker {@linkplain #claimNext claims} the
 * next waiting item, holds it while its lease lasts (renewed while it works, so a long
 * render keeps it), and lets go when the item is delivered, skipped or failed, or when
 * the worker ends. Only a claim that is free or whose lease ran out can be taken.
 */
public final class Ledger implements CreditsInFlight {

	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	private final TransactionTemplate autonomous;

	private final TransactionTemplate joined;

	private final LedgerRows rows = new LedgerRows();

	private final RowMapper<LedgerItem> mapper = this.rows::map;

	/**
	 * Claims go one at a time within this process: the embedded database has no
	 * {@code SKIP LOCKED}, and the conditional update below is what keeps two processes
	 * apart on a shared one.
	 */
	private final Object claiming = new Object();

	public Ledger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.autonomous = new TransactionTemplate(transactionManager);
		this.autonomous.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.joined = new TransactionTemplate(transactionManager);
	}

	/**
	 * Adds the items the job does not have yet, in one transaction: items already there
	 * keep their progress.
	 * @return how many were added
	 */
	public int insertIfAbsent(List<LedgerItem> items) {
		return this.autonomous.execute((tx) -> {
			int added = 0;
			for (LedgerItem item : items) {
				if (insert(item)) {
					added++;
				}
			}
			return added;
		});
	}

	private boolean insert(LedgerItem item) {
		if (contains(item.jobKey(), item.id())) {
			return false;
		}
		Timestamp now = now();
		this.jdbc.sql("""
				INSERT INTO BGM_ITEM (JOB_KEY, ITEM_ID, SEQ, LINE, VIDEO, FINGERPRINT, INSTRUCTION, MUSIC, OUTPUT,
				  STAGE, STATUS, PLAN, HANDLES, TIMINGS, ATTEMPTS, LAST_ERROR, CREDITS, CREATED_AT, UPDATED_AT)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)""")
			.params(item.jobKey(), item.id(), item.seq(), item.line(), item.video().toString(), item.fingerprint(),
					item.instruction(), item.music() == null ? null : item.music().toString(), item.output().toString(),
					item.stage().name(), item.status().name(), item.plan(), this.rows.write(item.handles()),
					this.rows.write(item.timings()), truncate(item.lastError()), now, now)
			.update();
		return true;
	}

	public boolean contains(String jobKey, String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
			.params(jobKey, id)
			.query(Integer.class)
			.single() > 0;
	}

	public Optional<LedgerItem> find(String jobKey, String id) {
		return this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
			.params(jobKey, id)
			.query(this.mapper)
			.optional();
	}

	/** Every item of the job in manifest order, streamed so a large job never sits in memory. */
	public void forEach(String jobKey, Consumer<LedgerItem> consumer) {
		try (var items = this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? ORDER BY SEQ")
			.param(jobKey)
			.query(this.mapper)
			.stream()) {
			items.forEach(consumer);
		}
	}

	public Map<ItemStatus, Integer> countByStatus(String jobKey) {
		Map<ItemStatus, Integer> counts = new HashMap<>();
		this.jdbc.sql("SELECT STATUS, COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? GROUP BY STATUS")
			.param(jobKey)
			.query((rs) -> {
				counts.put(ItemStatus.valueOf(rs.getString(1)), rs.getInt(2));
			});
		return counts;
	}

	/**
	 * Claims the first waiting item in manifest order that no worker holds (or whose
	 * holder's lease ran out) for the worker, and commits the claim.
	 * @return the item, or empty when every waiting item is held or none waits
	 */
	public Optional<LedgerItem> claimNext(String jobKey, String worker, Instant leaseUntil) {
		synchronized (this.claiming) {
			return this.autonomous.execute((tx) -> {
				Timestamp now = now();
				while (true) {
					Optional<String> next = this.jdbc.sql("""
							SELECT ITEM_ID FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
							  AND (CLAIMED_BY IS NULL OR LEASE_UNTIL < ?) ORDER BY SEQ LIMIT 1""")
						.params(jobKey, now)
						.query(String.class)
						.optional();
					if (next.isEmpty()) {
						return Optional.<LedgerItem>empty();
					}
					int taken = this.jdbc.sql("""
							UPDATE BGM_ITEM SET CLAIMED_BY = ?, LEASE_UNTIL = ? WHERE JOB_KEY = ? AND ITEM_ID = ?
							  AND STATUS = 'PENDING' AND (CLAIMED_BY IS NULL OR LEASE_UNTIL < ?)""")
						.params(worker, Timestamp.from(leaseUntil), jobKey, next.get(), now)
						.update();
					if (taken == 1) {
						return find(jobKey, next.get());
					}
					// another process took it between the two statements: try the next one
				}
			});
		}
	}

	/**
	 * Extends the worker's lease on the item.
	 * @return false when the worker no longer holds it
	 */
	public boolean renew(String jobKey, String id, String worker, Instant leaseUntil) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET LEASE_UNTIL = ? WHERE JOB_KEY = ? AND ITEM_ID = ? AND CLAIMED_BY = ?")
			.params(Timestamp.from(leaseUntil), jobKey, id, worker)
			.update()) == 1;
	}

	/** Lets go of the item if the worker still holds it. */
	public void release(String jobKey, String id, String worker) {
		this.autonomous.executeWithoutResult((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL WHERE JOB_KEY = ? AND ITEM_ID = ? AND CLAIMED_BY = ?")
			.params(jobKey, id, worker)
			.update());
	}

	/** Lets go of everything the worker holds (it is ending, however it ends). */
	public int releaseAll(String jobKey, String worker) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL WHERE JOB_KEY = ? AND CLAIMED_BY = ?")
			.params(jobKey, worker)
			.update());
	}

	/**
	 * Lets go of every claim in the job: for a run that knows no other worker of the job
	 * is alive (it holds the job's run lock), the claims left are those of a killed run.
	 */
	public int releaseClaims(String jobKey) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET CLAIMED_BY = NULL, LEASE_UNTIL = NULL WHERE JOB_KEY = ? AND CLAIMED_BY IS NOT NULL")
			.param(jobKey)
			.update());
	}

	@Override
	public int heldByOthers(String jobKey, String itemId) {
		return this.jdbc.sql("""
				SELECT COALESCE(SUM(CREDITS_HELD), 0) FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID <> ?
				  AND STATUS = 'PENDING' AND CLAIMED_BY IS NOT NULL""")
			.params(jobKey, itemId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Write-ahead: records one handle and commits before returning. The credits an item
	 * holds ({@link WorkItem#CREDITS_HELD}) are also kept in a column, to be summed.
	 */
	public void recordHandle(String jobKey, String id, String key, String value) {
		update(this.autonomous, jobKey, id, (item, handles) -> {
			if (value == null) {
				handles.remove(key);
			}
			else {
				handles.put(key, value);
			}
			return this.jdbc.sql("""
					UPDATE BGM_ITEM SET HANDLES = ?, CREDITS_HELD = ?, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(this.rows.write(handles), creditsHeld(handles), now(), jobKey, id);
		});
	}

	/**
	 * Records a finished stage and moves the item to the next one (or to delivered, letting
	 * go of its claim), in the caller's transaction when there is one: committing it
	 * separately cost a second synced commit per item and stage, the larger part of the
	 * job's own per-item cost.
	 */
	public void advance(String jobKey, String id, StageResult result, StageRun run) {
		update(this.joined, jobKey, id, (item, handles) -> {
			handles.putAll(result.handles());
			Map<String, Double> timings = new HashMap<>(item.timings());
			timings.merge(run.stage().stepName(), run.seconds(), Double::sum);
			List<StageRun> log = new ArrayList<>(item.stageLog());
			log.add(run);
			Stage next = run.stage().next();
			boolean done = next == Stage.DONE;
			return this.jdbc.sql("""
					UPDATE BGM_ITEM SET STAGE = ?, STATUS = ?, HANDLES = ?, TIMINGS = ?, STAGE_LOG = ?,
					  PLAN = COALESCE(?, PLAN), CREDITS = CREDITS + ?, CREDITS_HELD = ?, LAST_ERROR = NULL,
					  CLAIMED_BY = CASE WHEN ? THEN NULL ELSE CLAIMED_BY END,
					  LEASE_UNTIL = CASE WHEN ? THEN NULL ELSE LEASE_UNTIL END,
					  UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(next.name(), (done ? ItemStatus.DELIVERED : ItemStatus.PENDING).name(), this.rows.write(handles),
						this.rows.write(timings), this.rows.write(log), result.plan(), result.creditsSpent(),
						creditsHeld(handles), done, done, now(), jobKey, id);
		});
	}

	/** The item failed at its stage; a later run tries it again. Its worker lets go of it. */
	public void markFailed(String jobKey, String id, String reason) {
		setStatus(jobKey, id, ItemStatus.FAILED, reason, 1);
	}

	/** The item can never succeed as given. Its worker lets go of it. */
	public void markSkipped(String jobKey, String id, String reason) {
		setStatus(jobKey, id, ItemStatus.SKIPPED, reason, 0);
	}

	private void setStatus(String jobKey, String id, ItemStatus status, String reason, int attempt) {
		this.autonomous.executeWithoutResult((tx) -> this.jdbc.sql("""
				UPDATE BGM_ITEM SET STATUS = ?, LAST_ERROR = ?, ATTEMPTS = ATTEMPTS + ?, CLAIMED_BY = NULL,
				  LEASE_UNTIL = NULL, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
			.params(status.name(), truncate(reason), attempt, now(), jobKey, id)
			.update());
	}

	/** Puts failed items back in the queue at the stage they failed in. */
	public int requeueFailed(String jobKey) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET STATUS = 'PENDING' WHERE JOB_KEY = ? AND STATUS = 'FAILED'")
			.param(jobKey)
			.update());
	}

	/**
	 * Sends delivered items whose output is no longer where it was delivered back to the
	 * given stage.
	 * @param exists whether an item's output (by its local path) is still delivered
	 * @return how many were sent back
	 */
	public int requeueMissingOutputs(String jobKey, Stage redoFrom, Predicate<Path> exists) {
		int[] count = { 0 };
		this.jdbc.sql("SELECT ITEM_ID, OUTPUT FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'DELIVERED'")
			.param(jobKey)
			.query((rs) -> {
				if (!exists.test(Path.of(rs.getString(2)))) {
					String id = rs.getString(1);
					this.autonomous.executeWithoutResult((tx) -> this.jdbc.sql("""
							UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, LAST_ERROR = NULL, UPDATED_AT = ?
							WHERE JOB_KEY = ? AND ITEM_ID = ?""").params(redoFrom.name(), now(), jobKey, id).update());
					count[0]++;
				}
			});
		return count[0];
	}

	/**
	 * Sends an item back to its first stage, keeping only the handles its manifest row gave
	 * it ({@link WorkItem#ROW_HANDLES}): an input changed, and nothing made from the old one
	 * may be reused.
	 */
	public void restart(String jobKey, String id) {
		update(this.autonomous, jobKey, id, (item, handles) -> {
			handles.keySet().retainAll(WorkItem.ROW_HANDLES);
			return this.jdbc.sql("""
					UPDATE BGM_ITEM SET STAGE = ?, HANDLES = ?, PLAN = NULL, CREDITS_HELD = 0, UPDATED_AT = ?
					WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(Stage.UPLOAD.name(), this.rows.write(handles), now(), jobKey, id);
		});
	}

	/**
	 * Puts a skipped item back in the queue at its first stage, with the fingerprint of
	 * the input that is now there, keeping only the handles its manifest row gave it: the
	 * reason it was skipped for is gone (its file has arrived, or was replaced).
	 */
	public void requeueSkipped(String jobKey, String id, String fingerprint) {
		update(this.autonomous, jobKey, id, (item, handles) -> {
			handles.keySet().retainAll(WorkItem.ROW_HANDLES);
			return this.jdbc.sql("""
					UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, FINGERPRINT = ?, HANDLES = ?, PLAN = NULL,
					  LAST_ERROR = NULL, CREDITS_HELD = 0, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ? AND STATUS = 'SKIPPED'""")
				.params(Stage.UPLOAD.name(), fingerprint, this.rows.write(handles), now(), jobKey, id);
		});
	}

	/** Forgets every item of the job, for a forced fresh run. */
	public int forget(String jobKey) {
		return this.autonomous
			.execute((tx) -> this.jdbc.sql("DELETE FROM BGM_ITEM WHERE JOB_KEY = ?").param(jobKey).update());
	}

	private void update(TransactionTemplate transaction, String jobKey, String id, Change change) {
		transaction.executeWithoutResult((tx) -> {
			LedgerItem item = this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
				.params(jobKey, id)
				.query(this.mapper)
				.optional()
				.orElseThrow(() -> new IllegalStateException("no ledger item " + id + " in job " + jobKey));
			change.apply(item, new HashMap<>(item.handles())).update();
		});
	}

	private static int creditsHeld(Map<String, String> handles) {
		String held = handles.get(WorkItem.CREDITS_HELD);
		try {
			return held == null ? 0 : Integer.parseInt(held);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(WorkItem.CREDITS_HELD + " must be a number of credits, not " + held, ex);
		}
	}

	private static String truncate(String text) {
		return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	private static Timestamp now() {
		return Timestamp.from(Instant.now());
	}

	@FunctionalInterface
	private interface Change {

		JdbcClient.StatementSpec apply(LedgerItem item, Map<String, String> handles);

	}

}
