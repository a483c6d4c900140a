package bgmbatch.cluster;

import java.time.Duration;

import bgmbatch.job.LeaseKeeper;
import bgmbatch.ledger.SlotLeases;

/** A worker's lease on a slot, as the lease keeper renews it. */
record SlotLease(SlotLeases slots, long stepExecutionId, String runner) implements LeaseKeeper.Lease {

	@Override
	public boolean renew(Duration lease) {
		return this.slots.renew(this.stepExecutionId, this.runner, lease);
	}

	@Override
	public String toString() {
		return "the lease of " + this.runner + " on slot step execution " + this.stepExecutionId;
	}

}
