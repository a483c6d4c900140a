package bgmbatch.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import bgmbatch.engine.Stage;
import bgmbatch.state.StateFolder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The running job's own view of its items, published to its {@link LiveStatusFile} every
 * second and soon after each stage change (changes that come faster are folded into one
 * write, and writes are spaced so they stay cheap for a large job). Workers call it
 * concurrently.
 */
public final class LiveBoard implements AutoCloseable {

	/** How often the snapshot is rewritten even when nothing changed: its age says the run is alive. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(1);

	/** Stage changes closer together than this share one write. */
	private static final Duration SHORTEST_GAP = Duration.ofMillis(200);

	/**
	 * The next write starts no sooner than this many times as long as the last one took
	 * after it started, so publishing keeps at most a quarter of one core busy. Measured
	 * on this 2-core machine under a load of 23: a snapshot of 100 items took 14 ms to
	 * write, one of 10 000 items (1 MB) 146 ms.
	 */
	private static final long WRITE_SHARE = 4;

	private static final Log logger = LogFactory.getLog(LiveBoard.class);

	private final StateFolder state;

	private final Clock clock;

	private final long pid = ProcessHandle.current().pid();

	private final Map<String, ItemState> items = new ConcurrentHashMap<>();

	/** Seconds each stage took in this run, summed, and how many: the per-item ETA. */
	private final Map<Stage, double[]> stageTimes = new EnumMap<>(Stage.class);

	private final AtomicBoolean writePending = new AtomicBoolean();

	private final AtomicBoolean warned = new AtomicBoolean();

	private volatile List<String> order = List.of();

	private volatile String manifest;

	private volatile long execution;

	private volatile Instant started;

	private final AtomicInteger deliveredThisRun = new AtomicInteger();

	private volatile ScheduledExecutorService publisher;

	private volatile long nextWriteNanos = System.nanoTime();

	private volatile LiveStatusFile file;

	private volatile int deliveredBefore;

	private volatile int skippedBefore;

	public LiveBoard(StateFolder state, Clock clock) {
		this.state = state;
		this.clock = clock;
	}

	/**
	 * The job knows its items with work left (in manifest order, as the ledger has them)
	 * and how many were delivered or skipped before, and starts publishing.
	 */
	public synchronized void begin(Path manifest, long execution, List<ItemState> items, int deliveredBefore,
			int skippedBefore) {
		this.deliveredBefore = deliveredBefore;
		this.skippedBefore = skippedBefore;
		this.file = new LiveStatusFile(this.state.liveStatusFile(manifest));
		this.manifest = manifest.toString();
		this.execution = execution;
		this.started = this.clock.instant();
		this.deliveredThisRun.set(0);
		this.items.clear();
		List<String> ids = new ArrayList<>(items.size());
		for (ItemState item : items) {
			this.items.put(item.id(), item);
			ids.add(item.id());
		}
		this.order = List.copyOf(ids);
		if (this.publisher == null) {
			this.publisher = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "live-status");
				thread.setDaemon(true);
				return thread;
			});
			this.publisher.scheduleWithFixedDelay(this::publish, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** A worker took the item into a stage. */
	public void stageStarted(String id, Stage stage, String words, String worker) {
		this.items.computeIfPresent(id, (key, item) -> new ItemState(id, "working", stage, words, worker,
				this.clock.instant(), null));
		changed();
	}

	/** The item finished a stage that was not its last; it waits for its worker to take the next. */
	public void stageFinished(String id, Stage stage, double seconds, String nextWords) {
		measured(stage, seconds);
		this.items.computeIfPresent(id, (key, item) -> new ItemState(id, "working", stage.next(), nextWords,
				item.worker(), this.clock.instant(), null));
		changed();
	}

	/** The item's output is in place. */
	public void delivered(String id, Stage lastStage, double seconds, String doneWords) {
		measured(lastStage, seconds);
		this.deliveredThisRun.incrementAndGet();
		this.items.computeIfPresent(id, (key, item) -> new ItemState(id, "delivered", Stage.DONE, doneWords, null,
				null, null));
		changed();
	}

	/** The item left the run without an output. */
	public void leftBehind(String id, boolean skipped, String reason) {
		this.items.computeIfPresent(id, (key, item) -> new ItemState(id, skipped ? "skipped" : "failed",
				item.stage(), item.words(), null, null, reason));
		changed();
	}

	private void measured(Stage stage, double seconds) {
		synchronized (this.stageTimes) {
			double[] sum = this.stageTimes.computeIfAbsent(stage, (s) -> new double[2]);
			sum[0] += seconds;
			sum[1]++;
		}
	}

	private void changed() {
		ScheduledExecutorService executor = this.publisher;
		if (executor != null && this.writePending.compareAndSet(false, true)) {
			try {
				executor.schedule(this::publish, Math.max(0, this.nextWriteNanos - System.nanoTime()),
						TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// closing: the run is over, nothing more to publish
				this.writePending.set(false);
			}
		}
	}

	private void publish() {
		this.writePending.set(false);
		long start = System.nanoTime();
		try {
			this.file.write(snapshot());
			long took = System.nanoTime() - start;
			this.nextWriteNanos = start + Math.max(SHORTEST_GAP.toNanos(), took * WRITE_SHARE);
		}
		catch (IOException | RuntimeException ex) {
			if (this.warned.compareAndSet(false, true)) {
				logger.warn("cannot publish the live status to " + this.file.path() + ": " + ex.getMessage());
			}
		}
	}

	/** The snapshot as of now. */
	LiveSnapshot snapshot() {
		Instant now = this.clock.instant();
		List<LiveSnapshot.Item> list = new ArrayList<>(this.order.size());
		int delivered = this.deliveredBefore;
		int skipped = this.skippedBefore;
		int failed = 0;
		for (String id : this.order) {
			ItemState item = this.items.get(id);
			switch (item.state()) {
				case "delivered" -> delivered++;
				case "skipped" -> skipped++;
				case "failed" -> failed++;
				default -> {
				}
			}
			Instant eta = "working".equals(item.state()) ? itemEta(item, now) : null;
			list.add(new LiveSnapshot.Item(id, item.state(), item.words(), item.worker(), text(item.since()),
					text(eta), item.reason()));
		}
		int total = list.size() + this.deliveredBefore + this.skippedBefore;
		return new LiveSnapshot(this.pid, this.manifest, this.execution, text(this.started), text(now), total,
				delivered, skipped, failed, text(jobEta(now, total - delivered - skipped - failed)), list);
	}

	/**
	 * When the item should be delivered: the mean time of each stage it still has to go
	 * through, as measured in this run, less what it has already spent in its current
	 * one. Unknown until every one of those stages was measured once.
	 */
	private Instant itemEta(ItemState item, Instant now) {
		double left = 0;
		synchronized (this.stageTimes) {
			for (Stage stage = item.stage(); stage != Stage.DONE; stage = stage.next()) {
				double[] sum = this.stageTimes.get(stage);
				if (sum == null) {
					return null;
				}
				left += sum[0] / sum[1];
			}
		}
		double spent = Duration.between(item.since(), now).toMillis() / 1000.0;
		return now.plusMillis(Math.round(Math.max(0, left - spent) * 1000));
	}

	/** The job's end at this run's throughput: deliveries per second so far, applied to the items still to do. */
	private Instant jobEta(Instant now, int remaining) {
		int delivered = this.deliveredThisRun.get();
		if (delivered == 0 || this.started == null) {
			return null;
		}
		Duration elapsed = Duration.between(this.started, now);
		return now.plus(elapsed.multipliedBy(remaining).dividedBy(delivered));
	}

	private static String text(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	/** The run is over: stops publishing and removes the snapshot, so nothing shows it running. */
	@Override
	public synchronized void close() {
		if (this.publisher == null) {
			return;
		}
		this.publisher.shutdownNow();
		try {
			this.publisher.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.publisher = null;
		try {
			this.file.delete();
		}
		catch (IOException ex) {
			logger.warn("cannot remove the live status " + this.file.path() + ": " + ex.getMessage());
		}
	}

	/**
	 * One item on the board.
	 *
	 * @param id the item's id
	 * @param state {@code waiting}, {@code working}, {@code delivered}, {@code skipped} or {@code failed}
	 * @param stage the stage it is at
	 * @param words that stage in the engine's words
	 * @param worker the worker holding it, or null
	 * @param since when it entered its stage, or null when no worker has it
	 * @param reason why it was skipped or failed, or null
	 */
	public record ItemState(String id, String state, Stage stage, String words, String worker, Instant since,
			String reason) {

	}

}
