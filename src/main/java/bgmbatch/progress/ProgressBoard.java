package bgmbatch.progress;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import bgmbatch.engine.Stage;

/** The shared state of a display: totals and the items in flight. Thread-safe. */
final class ProgressBoard {

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

	void begin(int total, int done) {
		this.total.set(total);
		this.done.set(done);
	}

	void enter(String item, Stage stage) {
		this.inFlight.put(item, new InFlight(item, stage, System.nanoTime()));
	}

	void leave(String item) {
		this.inFlight.remove(item);
	}

	int finish(String item) {
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

	Optional<InFlight> longest() {
		return this.inFlight.values().stream().min(Comparator.comparingLong(InFlight::since));
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
		return seconds >= 60 ? "%dm%02ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
	}

	/** An item working on a stage since a {@link System#nanoTime()} instant. */
	record InFlight(String item, Stage stage, long since) {

		Duration elapsed() {
			return Duration.ofNanos(System.nanoTime() - this.since);
		}

	}

}
