package bgmbatch.job;

/**
 * A stop on request (SIGTERM, Ctrl-C) of this process's run, as {@link StopOnSignal}
 * passes it on: each worker stops after the stage in progress commits, its item waiting
 * at its next stage for the next run; if the stages in progress do not end in time they
 * are abandoned, and what they fail with is not held against the item.
 * <p>
 * A failure that concerns the whole job (credits, a plan limit, a missing tool) stops
 * claiming too, but through the ledger ({@code Ledger.stop}), so that workers on other
 * machines see it; a signal is this process's alone.
 */
final class StopRequest {

	private volatile boolean stopRequested;

	private volatile boolean abandoning;

	/** No worker starts another stage. */
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

}
