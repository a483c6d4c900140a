package bgmbatch.job;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells every worker of the run to claim no further item, once one of them met a failure
 * that concerns the whole job (out of credits, a plan limit, a missing tool). Each worker
 * still finishes the item it holds, so what is paid for gets delivered.
 */
final class StopClaiming {

	private final AtomicReference<String> reason = new AtomicReference<>();

	void request(String why) {
		this.reason.compareAndSet(null, why);
	}

	boolean requested() {
		return this.reason.get() != null;
	}

	/** A new run of the job starts with every worker free to claim. */
	void reset() {
		this.reason.set(null);
	}

}
