package bgmbatch.engine.nemo.client;

import java.time.Duration;

/**
 * The one pause every worker obeys. A 429 seen by any call closes the gate for its
 * Retry-After, and every call waits at the gate before it is sent, so the workers back off
 * together instead of each hammering the service until it refuses them too.
 */
final class RateGate {

	private final Object lock = new Object();

	private long openAtNanos = System.nanoTime();

	/** Closes the gate for at least the given time (a longer pause already set wins). */
	void pause(Duration duration) {
		synchronized (this.lock) {
			long until = System.nanoTime() + duration.toNanos();
			if (until - this.openAtNanos > 0) {
				this.openAtNanos = until;
			}
		}
	}

	/** Returns when the gate is open. */
	void awaitOpen() {
		synchronized (this.lock) {
			long remaining;
			while ((remaining = this.openAtNanos - System.nanoTime()) > 0) {
				try {
					this.lock.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new NemoApiException(NemoApiException.INTERRUPTED, NemoApiException.Kind.NOT_TAKEN,
							"wait out a rate limit", "interrupted", 1);
				}
			}
		}
	}

}
