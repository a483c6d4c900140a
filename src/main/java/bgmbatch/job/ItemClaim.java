package bgmbatch.job;

import java.time.Duration;

import bgmbatch.ledger.Ledger;

/** A worker's claim on an item, as the lease keeper renews it. */
record ItemClaim(Ledger ledger, String jobKey, String itemId, String worker) implements LeaseKeeper.Lease {

	@Override
	public boolean renew(Duration lease) {
		return this.ledger.renew(this.jobKey, this.itemId, this.worker, lease);
	}

	@Override
	public String toString() {
		return "the claim of " + this.worker + " on item " + this.itemId;
	}

}
