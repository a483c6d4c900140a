package bgmbatch.job;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A worker's reader: it claims the next waiting item from the ledger and hands that same
 * item out once per remaining stage, re-reading its row after each stage's commit, so one
 * chunk is one stage of one item. When the item is no longer the worker's to work on
 * (delivered, skipped, failed, or taken over after its lease ran out), it claims the next.
 * The worker ends when nothing is left to claim, or when the run was told to stop
 * claiming; on a worker machine it first waits while other workers still hold items,
 * because their holder may have died, and its leases run out. It keeps no restart state:
 * the ledger is the state.
 * <p>
 * It reads outside the chunk's transaction, which Spring Batch begins before the read:
 * on a shared database connections are taken at a transaction's first statement, so a
 * worker waiting here for items other workers hold, or parked for good after handing its
 * slot back, holds no connection (see {@code SharedDatabaseConfiguration}); the chunk's
 * own connection is taken when its stage's result is written.
 */
final class ItemClaimer implements ItemStreamReader<LedgerItem> {

	/** The longest a waiting worker goes without looking: a free item is never left idle longer. */
	private static final Duration MAX_RECHECK = Duration.ofSeconds(2);

	private final Ledger ledger;

	private final Run run;

	private final String worker;

	private final LeaseKeeper leases;

	private final Workplace workplace;

	private final StopRequest stop;

	/** Runs its reads with the chunk's transaction suspended ({@code PROPAGATION_NOT_SUPPORTED}). */
	private final TransactionOperations outside;

	private ItemClaim current;

	/**
	 * The run a worker step belongs to.
	 * @param jobKey the job's ledger key
	 * @param jobExecutionId the job execution
	 * @param stepExecutionId the worker step's execution
	 */
	record Run(String jobKey, long jobExecutionId, long stepExecutionId) {
	}

	ItemClaimer(Ledger ledger, Run run, String worker, LeaseKeeper leases, Workplace workplace, StopRequest stop,
			TransactionOperations outside) {
		this.ledger = ledger;
		this.outside = outside;
		this.run = run;
		this.worker = worker;
		this.leases = leases;
		this.workplace = workplace;
		this.stop = stop;
	}

	@Override
	public LedgerItem read() {
		try {
			if (this.stop.stopRequested()) {
				// a stop on request: the stage just committed is the safe point; close() lets go of the item
				return null;
			}
			this.workplace.handBackIfStopping(this.run.stepExecutionId(), this::letGoOfEverything);
			if (this.current != null) {
				Optional<LedgerItem> row = this.outside
					.execute((tx) -> this.ledger.find(this.run.jobKey(), this.current.itemId()));
				if (row.isPresent() && row.get().heldBy(this.worker)) {
					return row.get();
				}
				letGo(row.map(LedgerItem::claimedBy).orElse(null));
			}
			return claim();
		}
		catch (RuntimeException ex) {
			throw new ClaimReadException(ex);
		}
	}

	private LedgerItem claim() {
		while (this.outside.execute((tx) -> this.ledger.stopOf(this.run.jobExecutionId()).isEmpty()
				&& this.workplace.stillRunning(this.run.jobExecutionId()))) {
			Optional<LedgerItem> claimed = this.ledger.claimNext(this.run.jobKey(), this.worker, this.leases.lease());
			if (claimed.isPresent()) {
				this.current = new ItemClaim(this.ledger, this.run.jobKey(), claimed.get().id(), this.worker);
				this.leases.hold(this.current);
				return claimed.get();
			}
			if (!this.workplace.awaitHeldItems()
					|| !this.outside.execute((tx) -> this.ledger.anyHeld(this.run.jobKey()))) {
				this.outside.executeWithoutResult(
						(tx) -> this.workplace.leaving(this.run.jobKey(), this.run.jobExecutionId(), this.worker));
				return null;
			}
			LockSupport.parkNanos(recheck().toNanos());
			this.workplace.handBackIfStopping(this.run.stepExecutionId(), this::letGoOfEverything);
		}
		return null;
	}

	/** A fifth of a lease, at most two seconds: a lease that ran out is noticed well before the next one would. */
	private Duration recheck() {
		Duration fifth = this.leases.lease().dividedBy(5);
		return fifth.compareTo(MAX_RECHECK) < 0 ? fifth : MAX_RECHECK;
	}

	/** Delivery, a skip or a failure already let go of the claim in the ledger; anything else is let go here. */
	private void letGo(String holder) {
		this.leases.drop(this.current);
		if (this.worker.equals(holder)) {
			this.ledger.release(this.run.jobKey(), this.current.itemId(), this.worker);
		}
		this.current = null;
	}

	private void letGoOfEverything() {
		if (this.current != null) {
			this.leases.drop(this.current);
			this.current = null;
		}
		this.ledger.releaseAll(this.run.jobKey(), this.worker);
	}

	@Override
	public void open(ExecutionContext executionContext) {
	}

	@Override
	public void update(ExecutionContext executionContext) {
	}

	/** The worker ends, however it ends (a halt, a failure, nothing left): it holds nothing any more. */
	@Override
	public void close() {
		letGoOfEverything();
	}

}
