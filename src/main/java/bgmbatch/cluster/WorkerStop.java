package bgmbatch.cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker machine told to stop (SIGTERM): its lanes take no new slot, and each running
 * slot hands itself back at its next item boundary, after the stage in progress has been
 * committed. The process then ends with those slots' steps unfinished; the manager sends
 * them to the other workers.
 */
final class WorkerStop {

	private final CountDownLatch settled;

	private volatile boolean requested;

	/** @param lanes how many lanes must settle (end idle, or park after handing back) before the process may end */
	WorkerStop(int lanes) {
		this.settled = new CountDownLatch(lanes);
	}

	void request() {
		this.requested = true;
	}

	boolean requested() {
		return this.requested;
	}

	/** A lane has nothing running any more and takes nothing new. */
	void laneSettled() {
		this.settled.countDown();
	}

	/** A lane handed its slot back: it never returns, so the slot's step does not end here. */
	void parkForever() {
		laneSettled();
		while (true) {
			LockSupport.park(this);
		}
	}

	boolean awaitSettled(long timeout, TimeUnit unit) throws InterruptedException {
		return this.settled.await(timeout, unit);
	}

}
