package bgmbatch.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import bgmbatch.engine.Stage;

/** The shared state of a display: totals, this run's results, the items in flight and the pace. Thread-safe. */
final class ProgressBoard {

	/** The pace is measured over the last this many finished items: recent enough to follow a change. */
	static final int PACE_WINDOW = 20;

	private final LongSupplier nanos;

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicInteger delivered = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

	/** When the last items finished ({@link #nanos} time), newest last, at most {@link #PACE_WINDOW} + 1. */
	private final Deque<Long> finishes = new ArrayDeque<>();

	private volatile long began;

	ProgressBoard() {
		this(System::nanoTime);
	}

	ProgressBoard(LongSupplier nanos) {
		this.nanos = nanos;
		this.began = nanos.getAsLong();
	}

	void begin(int total, int done) {
		this.total.set(total);
		this.done.set(done);
		this.delivered.set(0);
		this.skipped.set(0);
		this.failed.set(0);
		synchronized (this.finishes) {
			this.finishes.clear();
			this.began = this.nanos.getAsLong();
		}
	}

	void enter(String item, Stage stage) {
		this.inFlight.put(item, new InFlight(item, stage, this.nanos.getAsLong()));
	}

	void leave(String item) {
		this.inFlight.remove(item);
	}

	/** An item got its output; returns how many items are done now. */
	int delivered(String item) {
		this.delivered.incrementAndGet();
		return finish(item);
	}

	/** An item left without an output; returns how many items are done now. */
	int leftBehind(String item, boolean skipped) {
		(skipped ? this.skipped : this.failed).incrementAndGet();
		return finish(item);
	}

	private int finish(String item) {
		this.inFlight.remove(item);
		synchronized (this.finishes) {
			this.finishes.addLast(this.nanos.getAsLong());
			if (this.finishes.size() > PACE_WINDOW + 1) {
				this.finishes.removeFirst();
			}
		}
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

	/** This run's results so far: {@code 3 delivered · 1 skipped}, leaving out what is zero. */
	String results() {
		StringBuilder text = new StringBuilder();
		append(text, this.delivered.get(), "delivered");
		append(text, this.skipped.get(), "skipped");
		append(text, this.failed.get(), "failed");
		return text.toString();
	}

	private static void append(StringBuilder text, int count, String word) {
		if (count > 0) {
			text.append(text.isEmpty() ? "" : " · ").append(count).append(' ').append(word);
		}
	}

	/**
	 * The time left at the pace of the last {@link #PACE_WINDOW} finished items (all of them
	 * before that many), measured up to now, so the estimate grows while nothing finishes.
	 * Empty until the first item of this run finishes.
	 */
	Optional<Duration> eta() {
		int remaining = total() - done();
		if (remaining <= 0) {
			return Optional.of(Duration.ZERO);
		}
		long from;
		int finished;
		synchronized (this.finishes) {
			if (this.finishes.isEmpty()) {
				return Optional.empty();
			}
			finished = Math.min(this.finishes.size(), PACE_WINDOW);
			from = this.finishes.size() > PACE_WINDOW ? this.finishes.peekFirst() : this.began;
		}
		double perItem = (double) (this.nanos.getAsLong() - from) / finished;
		return Optional.of(Duration.ofNanos((long) (perItem * remaining)));
	}

	/** How the operator reads a stage in progress. */
	static String verb(Stage stage) {
		return switch (stage) {
			case UPLOAD -> "uploading";
			case EDIT -> "editing";
			case VERIFY -> "verifying";
			case EXPORT -> "rendering";
			case DOWNLOAD -> "downloading";
			case DONE -> "done";
		};
	}

	static String duration(Duration elapsed) {
		long seconds = elapsed.toSeconds();
		if (seconds >= 3600) {
			return "%dh%02dm".formatted(seconds / 3600, seconds / 60 % 60);
		}
		return seconds >= 60 ? "%dm%02ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
	}

	/** An item working on a stage since a {@link #nanos} instant. */
	record InFlight(String item, Stage stage, long since) {

	}

	Duration elapsed(InFlight flight) {
		return Duration.ofNanos(this.nanos.getAsLong() - flight.since());
	}

}
