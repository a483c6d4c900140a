package bgmbatch.job;

import java.util.Optional;

import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A worker's reader: it claims the next waiting item from the ledger and hands that same
 * item out once per remaining stage, re-reading its row after each stage's commit, so one
 * chunk is one stage of one item. When the item is no longer the worker's to work on
 * (delivered, skipped, failed), it claims the next; when nothing is left to claim, or
 * the run was told to stop claiming, the worker ends. It keeps no restart state: the
 * ledger is the state.
 */
final class ItemClaimer implements ItemStreamReader<LedgerItem> {

	private final Ledger ledger;

	private final String jobKey;

	private final String worker;

	private final LeaseKeeper leases;

	private final StopClaiming stop;

	private LedgerItem current;

	ItemClaimer(Ledger ledger, String jobKey, String worker, LeaseKeeper leases, StopClaiming stop) {
		this.ledger = ledger;
		this.jobKey = jobKey;
		this.worker = worker;
		this.leases = leases;
		this.stop = stop;
	}

	@Override
	public LedgerItem read() {
		try {
			if (this.stop.stopRequested()) {
				// a stop on request: the stage just committed is the safe point; close() lets go of the item
				return null;
			}
			if (this.current != null) {
				Optional<LedgerItem> row = this.ledger.find(this.jobKey, this.current.id());
				if (row.isPresent() && row.get().heldBy(this.worker)) {
					this.current = row.get();
					return this.current;
				}
				letGo(row.map(LedgerItem::claimedBy).orElse(null));
			}
			if (this.stop.requested()) {
				return null;
			}
			Optional<LedgerItem> claimed = this.ledger.claimNext(this.jobKey, this.worker, this.leases.leaseUntil());
			if (claimed.isEmpty()) {
				return null;
			}
			this.current = claimed.get();
			this.leases.hold(this.jobKey, this.current.id(), this.worker);
			return this.current;
		}
		catch (RuntimeException ex) {
			throw new ClaimReadException(ex);
		}
	}

	/** Delivery, a skip or a failure already let go of the claim in the ledger; anything else is let go here. */
	private void letGo(String holder) {
		this.leases.drop(this.jobKey, this.current.id(), this.worker);
		if (this.worker.equals(holder)) {
			this.ledger.release(this.jobKey, this.current.id(), this.worker);
		}
		this.current = null;
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
		if (this.current != null) {
			this.leases.drop(this.jobKey, this.current.id(), this.worker);
			this.current = null;
		}
		this.ledger.releaseAll(this.jobKey, this.worker);
	}

}
