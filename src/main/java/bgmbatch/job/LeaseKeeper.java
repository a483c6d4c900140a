package bgmbatch.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import bgmbatch.ledger.Ledger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the claims of this process's workers alive: a claim's lease runs out unless it
 * is renewed, so that a worker on a machine that died loses its items to the others,
 * while a worker in a long render (an ffmpeg run, a cloud render) keeps its own. One
 * timer renews every claim held here.
 */
final class LeaseKeeper implements AutoCloseable {

	/**
	 * How long a claim lasts without renewal: long enough that a stalled renewal (a busy
	 * database, a GC pause) never costs a claim, short enough that items of a dead
	 * machine's workers wait minutes, not a night.
	 */
	static final Duration LEASE = Duration.ofMinutes(5);

	/** Renewal period: a fifth of the lease, so four renewals in a row can fail before a claim is lost. */
	static final Duration RENEWAL = LEASE.dividedBy(5);

	private static final Log logger = LogFactory.getLog(LeaseKeeper.class);

	private final Ledger ledger;

	private final Map<Claim, Boolean> held = new ConcurrentHashMap<>();

	private ScheduledExecutorService timer;

	LeaseKeeper(Ledger ledger) {
		this.ledger = ledger;
	}

	/** When a claim taken or renewed now runs out. */
	Instant leaseUntil() {
		return Instant.now().plus(LEASE);
	}

	void hold(String jobKey, String itemId, String worker) {
		startTimer();
		this.held.put(new Claim(jobKey, itemId, worker), Boolean.TRUE);
	}

	void drop(String jobKey, String itemId, String worker) {
		this.held.remove(new Claim(jobKey, itemId, worker));
	}

	private synchronized void startTimer() {
		if (this.timer == null) {
			this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "claim-leases");
				thread.setDaemon(true);
				return thread;
			});
			long period = RENEWAL.toMillis();
			this.timer.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
		}
	}

	private void renewAll() {
		for (Claim claim : this.held.keySet()) {
			try {
				if (!this.ledger.renew(claim.jobKey(), claim.itemId(), claim.worker(), leaseUntil())) {
					logger.warn(claim.worker() + " no longer holds item " + claim.itemId());
					this.held.remove(claim);
				}
			}
			catch (RuntimeException ex) {
				// the next period tries again; the lease outlasts several failed renewals
				logger.warn("cannot renew the claim of " + claim.worker() + " on item " + claim.itemId() + ": "
						+ ex.getMessage());
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

	private record Claim(String jobKey, String itemId, String worker) {
	}

}
