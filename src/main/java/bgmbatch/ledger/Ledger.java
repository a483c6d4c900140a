package bgmbatch.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import bgmbatch.engine.CreditsInFlight;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

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
 * <p>
 * This class is the one door; behind it, one class per concern holds the SQL, the way
 * Spring Batch's {@code SimpleJobRepository} stands in front of its DAOs: the job's items
 * ({@link JobItems}), claims and leases ({@link ItemClaims}), the credits in flight
 * ({@link CreditChecks}), what workers record per stage ({@link StageMarks}), stops
 * ({@link JobStops}) and items sent back to the queue ({@link Requeues}). What differs
 * between the databases is in {@link LedgerDialect}.
 */
public final class Ledger implements CreditsInFlight {

	private final JobItems items;

	private final ItemClaims claims;

	private final CreditChecks credits;

	private final StageMarks marks;

	private final JobStops stops;

	private final Requeues requeues;

	/** A ledger in the embedded database. */
	public Ledger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this(jdbc, transactionManager, LedgerDialect.HSQLDB);
	}

	public Ledger(JdbcClient jdbc, PlatformTransactionManager transactionManager, LedgerDialect dialect) {
		ItemTable table = new ItemTable(jdbc, transactionManager, dialect);
		this.items = new JobItems(table);
		this.claims = new ItemClaims(table);
		this.credits = new CreditChecks(table);
		this.marks = new StageMarks(table);
		this.stops = new JobStops(table);
		this.requeues = new Requeues(table);
	}

	/**
	 * Adds the items the job does not have yet, in one transaction: items already there
	 * keep their progress.
	 * @return how many were added
	 */
	public int insertIfAbsent(List<LedgerItem> items) {
		return this.items.insertIfAbsent(items);
	}

	public boolean contains(String jobKey, String id) {
		return this.items.contains(jobKey, id);
	}

	public Optional<LedgerItem> find(String jobKey, String id) {
		return this.items.find(jobKey, id);
	}

	/** Every item of the job in manifest order, streamed so a large job never sits in memory. */
	public void forEach(String jobKey, Consumer<LedgerItem> consumer) {
		this.items.forEach(jobKey, consumer);
	}

	/**
	 * The job's items held by a worker now, and those that ended (delivered, skipped,
	 * failed) since the given time, in manifest order: what a manager follows of its
	 * workers' progress. Change times are the writing machine's clock, so callers look back
	 * further than machines' clocks differ.
	 */
	public void forEachHeldOrEndedSince(String jobKey, Instant since, Consumer<LedgerItem> consumer) {
		this.items.forEachHeldOrEndedSince(jobKey, since, consumer);
	}

	public Map<ItemStatus, Integer> countByStatus(String jobKey) {
		return this.items.countByStatus(jobKey);
	}

	/** Forgets every item of the job, for a forced fresh run. */
	public int forget(String jobKey) {
		return this.items.forget(jobKey);
	}

	/**
	 * Claims the first waiting item in manifest order that no worker holds (or whose
	 * holder's lease ran out) for the worker, and commits the claim.
	 * @param lease how long the claim lasts unless renewed
	 * @return the item, or empty when every waiting item is held or none waits
	 */
	public Optional<LedgerItem> claimNext(String jobKey, String worker, Duration lease) {
		return this.claims.claimNext(jobKey, worker, lease);
	}

	/** The workers holding waiting items of the job now, one entry per item held, in order. */
	public List<String> holders(String jobKey) {
		return this.claims.holders(jobKey);
	}

	/**
	 * Whether any waiting item is held by a worker: a worker that finds nothing to claim
	 * waits for these on a shared database, since their holder may have died and its
	 * leases will run out.
	 */
	public boolean anyHeld(String jobKey) {
		return this.claims.anyHeld(jobKey);
	}

	/**
	 * Extends the worker's lease on the item.
	 * @return false when the worker no longer holds it
	 */
	public boolean renew(String jobKey, String id, String worker, Duration lease) {
		return this.claims.renew(jobKey, id, worker, lease);
	}

	/** Lets go of the item if the worker still holds it. */
	public void release(String jobKey, String id, String worker) {
		this.claims.release(jobKey, id, worker);
	}

	/** Lets go of everything the worker holds (it is ending, however it ends). */
	public int releaseAll(String jobKey, String worker) {
		return this.claims.releaseAll(jobKey, worker);
	}

	/**
	 * Lets go of every claim in the job: for a run that knows no other worker of the job
	 * is alive (it holds the job's run lock and has no remote workers), the claims left
	 * are those of a killed run.
	 */
	public int releaseClaims(String jobKey) {
		return this.claims.releaseClaims(jobKey);
	}

	@Override
	public int heldByOthers(String jobKey, String itemId) {
		return this.credits.heldByOthers(jobKey, itemId);
	}

	/**
	 * Runs the work while no other worker of the job, in this process or any other, runs
	 * work given to this method: a credit check and the session it pays for must go
	 * together.
	 */
	@Override
	public <T> T exclusively(String jobKey, Supplier<T> work) {
		return this.credits.exclusively(jobKey, work);
	}

	/**
	 * Write-ahead: records one handle and commits before returning, if the worker still
	 * holds the item. The credits an item holds ({@link WorkItem#CREDITS_HELD}) are also
	 * kept in a column, to be summed.
	 * @throws ClaimLostException when it does not: whatever the mark was to guard must not happen
	 */
	public void recordHandle(String jobKey, String id, String worker, String key, String value) {
		this.marks.recordHandle(jobKey, id, worker, key, value);
	}

	/**
	 * Records a finished stage and moves the item to the next one (or to delivered, letting
	 * go of its claim), in the caller's transaction when there is one: committing it
	 * separately cost a second synced commit per item and stage, the larger part of the
	 * job's own per-item cost.
	 */
	public void advance(String jobKey, String id, StageResult result, StageRun run) {
		this.marks.advance(jobKey, id, result, run);
	}

	/** The item failed at its stage; a later run tries it again. Its worker lets go of it. */
	public void markFailed(String jobKey, String id, String reason) {
		this.marks.setStatus(jobKey, id, ItemStatus.FAILED, reason, 1);
	}

	/** The item can never succeed as given. Its worker lets go of it. */
	public void markSkipped(String jobKey, String id, String reason) {
		this.marks.setStatus(jobKey, id, ItemStatus.SKIPPED, reason, 0);
	}

	/**
	 * Sends an item back to its first stage, keeping only the handles its manifest row gave
	 * it ({@link WorkItem#ROW_HANDLES}): an input changed, and nothing made from the old one
	 * may be reused. Only by the worker holding it ({@link ClaimLostException} otherwise).
	 */
	public void restart(String jobKey, String id, String worker) {
		this.marks.restart(jobKey, id, worker);
	}

	/**
	 * Tells every worker of the job execution to claim no further item; the first reason
	 * given stays.
	 * @param halt the job stops for credits or plan limits (rather than fails)
	 */
	public void stop(long jobExecutionId, String reason, boolean halt) {
		this.stops.stop(jobExecutionId, reason, halt);
	}

	/** Why the job execution's workers were told to stop claiming, if they were. */
	public Optional<JobStop> stopOf(long jobExecutionId) {
		return this.stops.stopOf(jobExecutionId);
	}

	/** Puts failed items back in the queue at the stage they failed in. */
	public int requeueFailed(String jobKey) {
		return this.requeues.requeueFailed(jobKey);
	}

	/**
	 * Puts a skipped item back in the queue at its first stage, its reason cleared: the
	 * reason it was skipped for is gone.
	 * @return false when it is not skipped (any more)
	 */
	public boolean requeueSkipped(String jobKey, String id) {
		return this.requeues.requeueSkipped(jobKey, id);
	}

	/**
	 * Puts a skipped item back in the queue at its first stage, with the fingerprint of
	 * the input that is now there, keeping only the handles its manifest row gave it: the
	 * reason it was skipped for is gone (its file has arrived, or was replaced).
	 */
	public void requeueSkipped(String jobKey, String id, String fingerprint) {
		this.requeues.requeueSkipped(jobKey, id, fingerprint);
	}

	/**
	 * Sends delivered items whose output is no longer where it was delivered back to the
	 * given stage.
	 * @param exists whether an item's output (by its local path) is still delivered
	 * @return how many were sent back
	 */
	public int requeueMissingOutputs(String jobKey, Stage redoFrom, Predicate<Path> exists) {
		return this.requeues.requeueMissingOutputs(jobKey, redoFrom, exists);
	}

}
