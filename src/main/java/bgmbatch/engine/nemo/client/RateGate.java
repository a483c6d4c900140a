package bgmbatch.engine.nemo.client;

import java.time.Duration;

import bgmbatch.engine.TransientEngineException;

/**
 * The one pause every worker obeys. A 429 seen by any call closes the gate for its
 * Retry-After, and every call waits at the gate before it is sent, so the workers back off
 * together instead of each hammering the service until it refuses them too.
 */
public final class RateGate {

	private final Object lock = new Object();

	private long openAtNanos = System.nanoTime();

	/** Closes the gate for at least the given time (a longer pause already set wins). */
	public void pause(Duration duration) {
		synchronized (this.lock) {
			long until = System.nanoTime() + duration.toNanos();
			if (until - this.openAtNanos > 0) {
				this.openAtNanos = until;
			}
		}
	}

	/** Returns when the gate is open. */
	public void awaitOpen() {
		synchronized (this.lock) {
			long remaining;
			while ((remaining = this.openAtNanos - System.nanoTime()) > 0) {
				try {
					this.lock.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TransientEngineException("interrupted while waiting out a rate limit", ex);
				}
			}
		}
	}

}
