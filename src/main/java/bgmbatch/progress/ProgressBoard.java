package bgmbatch.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared state of a display: totals, this run's results, the items in flight, and the
 * run's throughput. Thread-safe.
 */
final class ProgressBoard {

	/** Before a second of the run has passed, a rate says nothing. */
	private static final Duration SHORTEST_MEASURE = Duration.ofSeconds(1);

	private final Clock clock;

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicInteger deliveredThisRun = new AtomicInteger();

	private final AtomicInteger skippedThisRun = new AtomicInteger();

	private final AtomicInteger failedThisRun = new AtomicInteger();

	private final AtomicReference<Instant> begun = new AtomicReference<>();

	private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

	ProgressBoard(Clock clock) {
		this.clock = clock;
	}

	void begin(int total, int done) {
		this.total.set(total);
		this.done.set(done);
		this.deliveredThisRun.set(0);
		this.skippedThisRun.set(0);
		this.failedThisRun.set(0);
		this.begun.set(this.clock.instant());
	}

	void enter(String item, String stage) {
		this.inFlight.put(item, new InFlight(item, stage, System.nanoTime()));
	}

	void leave(String item) {
		this.inFlight.remove(item);
	}

	/** The item left the job without an output, skipped for good or failed until the next run. */
	int leftBehind(String item, boolean skipped) {
		(skipped ? this.skippedThisRun : this.failedThisRun).incrementAndGet();
		return finish(item);
	}

	/** The item's output is in place. */
	int deliver(String item) {
		this.deliveredThisRun.incrementAndGet();
		return finish(item);
	}

	private int finish(String item) {
		this.inFlight.remove(item);
		return this.done.incrementAndGet();
	}

	int total() {
		return this.total.get();
	}

	int done() {
		return this.done.get();
	}

	int inFlightCount() {
		return this.inFlight.size();
	}

	Optional<InFlight> inFlight(String item) {
		return Optional.ofNullable(this.inFlight.get(item));
	}

	Optional<InFlight> longest() {
		return this.inFlight.values().stream().min(Comparator.comparingLong(InFlight::since));
	}

	/** This run's results so far, {@code 3 delivered · 1 skipped}, leaving out what is zero. */
	String results() {
		StringBuilder text = new StringBuilder();
		append(text, this.deliveredThisRun.get(), "delivered");
		append(text, this.skippedThisRun.get(), "skipped");
		append(text, this.failedThisRun.get(), "failed");
		return text.toString();
	}

	private static void append(StringBuilder text, int count, String word) {
		if (count > 0) {
			text.append(text.isEmpty() ? "" : " · ").append(count).append(' ').append(word);
		}
	}

	/**
	 * Time left at this run's measured throughput: items delivered per second since the
	 * run began, applied to the items still to do. Empty until something was delivered
	 * (a rate of stage changes would say nothing about deliveries).
	 */
	Optional<Duration> eta() {
		Instant start = this.begun.get();
		int delivered = this.deliveredThisRun.get();
		if (start == null || delivered == 0) {
			return Optional.empty();
		}
		Duration elapsed = Duration.between(start, this.clock.instant());
		if (elapsed.compareTo(SHORTEST_MEASURE) < 0) {
			return Optional.empty();
		}
		int remaining = Math.max(0, this.total.get() - this.done.get());
		return Optional.of(elapsed.multipliedBy(remaining).dividedBy(delivered));
	}

	static String duration(Duration elapsed) {
		long seconds = elapsed.toSeconds();
		if (seconds >= 3600) {
			return "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60);
		}
		return seconds >= 60 ? "%dm%02ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
	}

	/** An item working on a stage (in the engine's word for it) since a {@link System#nanoTime()} instant. */
	record InFlight(String item, String stage, long since) {

		Duration elapsed() {
			return Duration.ofNanos(System.nanoTime() - this.since);
		}

	}

}
