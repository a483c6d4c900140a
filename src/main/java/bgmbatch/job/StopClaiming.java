package bgmbatch.job;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells every worker of the run to claim no further item. Two reasons, two depths:
 * <ul>
 * <li>a failure that concerns the whole job (out of credits, a plan limit, a missing tool):
 * each worker still finishes the item it holds, so what is paid for gets delivered;</li>
 * <li>a stop on request (SIGTERM, Ctrl-C): each worker stops after the stage in progress
 * commits, its item waiting at its next stage for the next run; if the stages in progress
 * do not end in time they are abandoned, and what they fail with is not held against the
 * item.</li>
 * </ul>
 */
final class StopClaiming {

	private final AtomicReference<String> reason = new AtomicReference<>();

	private volatile boolean stopRequested;

	private volatile boolean abandoning;

	void request(String why) {
		this.reason.compareAndSet(null, why);
	}

	boolean requested() {
		return this.reason.get() != null || this.stopRequested;
	}

	/** A stop on request: no worker starts another stage. */
	void stopNow() {
		this.stopRequested = true;
	}

	boolean stopRequested() {
		return this.stopRequested;
	}

	/** The stages still running are being cut short (their programs killed). */
	void abandon() {
		this.stopRequested = true;
		this.abandoning = true;
	}

	boolean abandoning() {
		return this.abandoning;
	}

	/**
	 * A new run of the job starts with every worker free to claim. A stop on request is
	 * the process's, and outlives it.
	 */
	void reset() {
		this.reason.set(null);
	}

}
