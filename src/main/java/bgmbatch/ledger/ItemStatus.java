package bgmbatch.ledger;

/** Where an item stands, independent of its stage. */
public enum ItemStatus {

	/** Work remains at its stage. */
	PENDING,
	/** The last attempt at its stage failed; a restart tries again. */
	FAILED,
	/** It can never succeed as given; the reason says why. */
	SKIPPED,
	/** Its output is in place and verified. */
	DELIVERED

}
