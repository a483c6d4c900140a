package bgmbatch.job;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the leases of this process alive: a claim on an item (and, on a worker machine,
 * on a worker slot) runs out unless it is renewed, so that a worker on a machine that
 * died loses its items to the others, while a worker in a long render (an ffmpeg run, a
 * cloud render) keeps its own. One timer renews every lease held here.
 */
public final class LeaseKeeper implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LeaseKeeper.class);

	private final Duration lease;

	private final Map<Lease, Boolean> held = new ConcurrentHashMap<>();

	private ScheduledExecutorService timer;

	/** Something held for a while, renewed here until dropped. */
	public interface Lease {

		/**
		 * Extends the lease by the given time from now (the database's now).
		 * @return false when it is no longer held: it is then dropped
		 */
		boolean renew(Duration lease);

	}

	/**
	 * @param lease how long a lease lasts without renewal (setting {@code lease}, 5 minutes):
	 * long enough that a stalled renewal (a busy database, a GC pause) never costs a claim,
	 * short enough that items of a dead machine's workers wait minutes, not a night
	 */
	public LeaseKeeper(Duration lease) {
		this.lease = lease;
	}

	/** How long a lease taken or renewed now lasts. */
	public Duration lease() {
		return this.lease;
	}

	/** Renewal period: a fifth of the lease, so four renewals in a row can fail before a lease is lost. */
	Duration renewal() {
		return this.lease.dividedBy(5);
	}

	public void hold(Lease lease) {
		startTimer();
		this.held.put(lease, Boolean.TRUE);
	}

	public void drop(Lease lease) {
		this.held.remove(lease);
	}

	private synchronized void startTimer() {
		if (this.timer == null) {
			this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "leases");
				thread.setDaemon(true);
				return thread;
			});
			long period = renewal().toMillis();
			this.timer.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
		}
	}

	private void renewAll() {
		for (Lease lease : this.held.keySet()) {
			try {
				if (!lease.renew(this.lease)) {
					logger.warn("lost: " + lease);
					this.held.remove(lease);
				}
			}
			catch (RuntimeException ex) {
				// the next period tries again; the lease outlasts several failed renewals
				logger.warn("cannot renew " + lease + ": " + ex.getMessage());
			}
		}
	}

	@Override
	public synchronized void close() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
		this.held.clear();
	}

}
