package bgmbatch.ledger;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * the worker ends. Only a claim that is free or whose lease ran out can be taken. Lease
 * times are the database's: the machines of a distributed run need not agree on the time.
 * Every write a worker makes for an item it works on checks that it still holds it
 * ({@link ClaimLostException}), so a worker whose lease ran out never records a stage or
 * a write-ahead mark over its successor's.
 */
public final class Ledger implements CreditsInFlight {

	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	private final TransactionTemplate autonomous;

	private final TransactionTemplate joined;

	private final LedgerRows rows = new LedgerRows();

	private final RowMapper<LedgerItem> mapper = this.rows::map;

	private final LedgerDialect dialect;

	/**
	 * Claims go one at a time within this process on the embedded database, which has no
	 * {@code SKIP LOCKED} (and only this process opens it).
	 */
	private final Object claiming = new Object();

	/** The credit check of the embedded database's one process (PostgreSQL's is an advisory lock). */
	private final ReentrantLock creditCheck = new ReentrantLock();

	/** A ledger in the embedded database. */
	public Ledger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this(jdbc, transactionManager, LedgerDialect.HSQLDB);
	}

	public Ledger(JdbcClient jdbc, PlatformTransactionManager transactionManager, LedgerDialect dialect) {
		this.jdbc = jdbc;
		this.autonomous = new TransactionTemplate(transactionManager);
		this.autonomous.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.joined = new TransactionTemplate(transactionManager);
		this.dialect = dialect;
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
					item.stage().name(), item.status().name(), this.rows.write(item.plan()), this.rows.write(item.handles()),
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
	 * @param lease how long the claim lasts unless renewed
	 * @return the item, or empty when every waiting item is held or none waits
	 */
	public Optional<LedgerItem> claimNext(String jobKey, String worker, Duration lease) {
		if (this.dialect == LedgerDialect.POSTGRESQL) {
			// one statement; rows another worker is claiming right now are skipped, not waited for
			return this.autonomous.execute((tx) -> this.jdbc.sql("""
					UPDATE BGM_ITEM SET CLAIMED_BY = ?, LEASE_UNTIL = %s WHERE JOB_KEY = ? AND ITEM_ID = (
					  SELECT ITEM_ID FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
					    AND (CLAIMED_BY IS NULL OR LEASE_UNTIL < %s) ORDER BY SEQ LIMIT 1 FOR UPDATE SKIP LOCKED)
					RETURNING ITEM_ID""".formatted(this.dialect.nowPlusMillis(), this.dialect.now()))
				.params(worker, lease.toMillis(), jobKey, jobKey)
				.query(String.class)
				.optional()
				.flatMap((id) -> find(jobKey, id)));
		}
		synchronized (this.claiming) {
			return this.autonomous.execute((tx) -> {
				Optional<String> next = this.jdbc.sql("""
						SELECT ITEM_ID FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
						  AND (CLAIMED_BY IS NULL OR LEASE_UNTIL < %s) ORDER BY SEQ LIMIT 1""".formatted(this.dialect.now()))
					.param(jobKey)
					.query(String.class)
					.optional();
				if (next.isEmpty()) {
					return Optional.<LedgerItem>empty();
				}
				this.jdbc.sql("UPDATE BGM_ITEM SET CLAIMED_BY = ?, LEASE_UNTIL = %s WHERE JOB_KEY = ? AND ITEM_ID = ?"
					.formatted(this.dialect.nowPlusMillis()))
					.params(worker, lease.toMillis(), jobKey, next.get())
					.update();
				return find(jobKey, next.get());
			});
		}
	}

	/** The workers holding waiting items of the job now, one entry per item held, in order. */
	public List<String> holders(String jobKey) {
		return this.jdbc.sql("""
				SELECT CLAIMED_BY FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND CLAIMED_BY IS NOT NULL
				ORDER BY CLAIMED_BY""")
			.param(jobKey)
			.query(String.class)
			.list();
	}

	/**
	 * Whether any waiting item is held by a worker: a worker that finds nothing to claim
	 * waits for these on a shared database, since their holder may have died and its
	 * leases will run out.
	 */
	public boolean anyHeld(String jobKey) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
				  AND CLAIMED_BY IS NOT NULL""")
			.param(jobKey)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Extends the worker's lease on the item.
	 * @return false when the worker no longer holds it
	 */
	public boolean renew(String jobKey, String id, String worker, Duration lease) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET LEASE_UNTIL = %s WHERE JOB_KEY = ? AND ITEM_ID = ? AND CLAIMED_BY = ?"
				.formatted(this.dialect.nowPlusMillis()))
			.params(lease.toMillis(), jobKey, id, worker)
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
	 * is alive (it holds the job's run lock and has no remote workers), the claims left
	 * are those of a killed run.
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
	 * Runs the work while no other worker of the job, in this process or any other, runs
	 * work given to this method: a credit check and the session it pays for must go
	 * together. On PostgreSQL an advisory lock, taken and released on the connection of a
	 * transaction of its own (so a failure of the work never marks the caller's
	 * transaction for rollback); a process that dies drops it with its connection.
	 */
	@Override
	public <T> T exclusively(String jobKey, Supplier<T> work) {
		if (this.dialect == LedgerDialect.POSTGRESQL) {
			return this.autonomous.execute((tx) -> {
				long key = AdvisoryLocks.key("credits", jobKey);
				this.jdbc.sql("SELECT 1 FROM pg_advisory_lock(?)").param(key).query(Integer.class).single();
				try {
					return work.get();
				}
				finally {
					this.jdbc.sql("SELECT 1 FROM pg_advisory_unlock(?)").param(key).query(Integer.class).single();
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

	/**
	 * Write-ahead: records one handle and commits before returning, if the worker still
	 * holds the item. The credits an item holds ({@link WorkItem#CREDITS_HELD}) are also
	 * kept in a column, to be summed.
	 * @throws ClaimLostException when it does not: whatever the mark was to guard must not happen
	 */
	public void recordHandle(String jobKey, String id, String worker, String key, String value) {
		update(this.autonomous, jobKey, id, worker, (item, handles) -> {
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
		update(this.joined, jobKey, id, run.worker(), (item, handles) -> {
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
						this.rows.write(timings), this.rows.write(log), this.rows.write(result.plan()), result.creditsSpent(),
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

	/**
	 * Tells every worker of the job execution to claim no further item; the first reason
	 * given stays.
	 * @param halt the job stops for credits or plan limits (rather than fails)
	 */
	public void stop(long jobExecutionId, String reason, boolean halt) {
		this.autonomous.executeWithoutResult((tx) -> {
			if (stopOf(jobExecutionId).isEmpty()) {
				this.jdbc.sql("INSERT INTO BGM_STOP (JOB_EXECUTION_ID, REASON, HALT) VALUES (?, ?, ?)")
					.params(jobExecutionId, truncate(reason == null ? "stopped" : reason), halt)
					.update();
			}
		});
	}

	/** Why the job execution's workers were told to stop claiming, if they were. */
	public Optional<JobStop> stopOf(long jobExecutionId) {
		return this.jdbc.sql("SELECT REASON, HALT FROM BGM_STOP WHERE JOB_EXECUTION_ID = ?")
			.param(jobExecutionId)
			.query((rs, row) -> new JobStop(rs.getString(1), rs.getBoolean(2)))
			.optional();
	}

	/** Puts failed items back in the queue at the stage they failed in. */
	public int requeueFailed(String jobKey) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET STATUS = 'PENDING' WHERE JOB_KEY = ? AND STATUS = 'FAILED'")
			.param(jobKey)
			.update());
	}

	/**
	 * Puts a skipped item back in the queue at its first stage, its reason cleared: the
	 * reason it was skipped for is gone.
	 * @return false when it is not skipped (any more)
	 */
	public boolean requeueSkipped(String jobKey, String id) {
		return this.autonomous.execute((tx) -> this.jdbc.sql("""
				UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, LAST_ERROR = NULL, UPDATED_AT = ?
				WHERE JOB_KEY = ? AND ITEM_ID = ? AND STATUS = 'SKIPPED'""")
			.params(Stage.UPLOAD.name(), now(), jobKey, id)
			.update()) == 1;
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
	 * may be reused. Only by the worker holding it ({@link ClaimLostException} otherwise).
	 */
	public void restart(String jobKey, String id, String worker) {
		update(this.autonomous, jobKey, id, worker, (item, handles) -> {
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
		// a skipped item is held by no worker: it has not been claimed since it was skipped
		this.autonomous.executeWithoutResult((tx) -> {
			LedgerItem item = lockedRow(jobKey, id);
			Map<String, String> handles = new HashMap<>(item.handles());
			handles.keySet().retainAll(WorkItem.ROW_HANDLES);
			this.jdbc.sql("""
					UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, FINGERPRINT = ?, HANDLES = ?, PLAN = NULL,
					  LAST_ERROR = NULL, CREDITS_HELD = 0, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ? AND STATUS = 'SKIPPED'""")
				.params(Stage.UPLOAD.name(), fingerprint, this.rows.write(handles), now(), jobKey, id)
				.update();
		});
	}

	/** Forgets every item of the job, for a forced fresh run. */
	public int forget(String jobKey) {
		return this.autonomous
			.execute((tx) -> this.jdbc.sql("DELETE FROM BGM_ITEM WHERE JOB_KEY = ?").param(jobKey).update());
	}

	/**
	 * Reads the item and changes it, if the worker holds it. The row is locked for the
	 * read ({@code FOR UPDATE}), so the holder cannot change between the check and the change.
	 */
	private void update(TransactionTemplate transaction, String jobKey, String id, String worker, Change change) {
		transaction.executeWithoutResult((tx) -> {
			LedgerItem item = lockedRow(jobKey, id);
			if (!worker.equals(item.claimedBy())) {
				throw new ClaimLostException(worker, id);
			}
			change.apply(item, new HashMap<>(item.handles())).update();
		});
	}

	/** The item's row, locked ({@code FOR UPDATE}) until the transaction ends. */
	private LedgerItem lockedRow(String jobKey, String id) {
		return this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?" + this.dialect.forUpdate())
			.params(jobKey, id)
			.query(this.mapper)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no ledger item " + id + " in job " + jobKey));
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
