package bgmbatch.progress;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;

/**
 * The live display on a terminal: an overall bar drawn by the progressbar library (items
 * done of total, this run's results, the time left at the run's measured deliveries per
 * second), and under it one line per worker with the item in flight, its stage in the
 * engine's word for it, and for how long. The library redraws
 * from its own timer every 250 ms into a {@link LiveScreen}, which keeps the block in place.
 * At the end the worker lines are erased and the finished bar stays, so the summary follows
 * it on a clean screen.
 */
final class TerminalProgress implements ProgressDisplay {

	private static final String IDLE = "idle";

	private final int workers;

	private final PrintStream out;

	private final IntSupplier width;

	private final Object lock = new Object();

	private final ProgressBoard board = new ProgressBoard(Clock.systemUTC());

	private final Map<String, Integer> slotOf = new HashMap<>();

	private final Deque<Integer> freeSlots = new ArrayDeque<>();

	private final String[] slots;

	private ProgressBar bar;

	private LiveScreen screen;

	private PrintStream systemOut;

	/** The job ended: the last drawing of the bar says no time left, whatever is unfinished. */
	private volatile boolean closing;

	/**
	 * @param workers how many items can be in flight at once: a line each
	 * @param out the terminal
	 * @param width the terminal's width now, in columns
	 */
	TerminalProgress(int workers, PrintStream out, IntSupplier width) {
		this.workers = Math.max(1, workers);
		this.out = out;
		this.width = width;
		this.slots = new String[this.workers];
	}

	@Override
	public void begin(int total, int done) {
		synchronized (this.lock) {
			if (this.bar != null) {
				return;
			}
			this.board.begin(total, done);
			this.closing = false;
			this.freeSlots.clear();
			for (int slot = 0; slot < this.workers; slot++) {
				this.freeSlots.add(slot);
				this.slots[slot] = null;
			}
			this.screen = new LiveScreen(this.out, this.width, this::workerLines);
			this.bar = new ProgressBarBuilder().setTaskName("items")
				.setInitialMax(total)
				.startsFrom(done, Duration.ZERO)
				.setUpdateIntervalMillis(250)
				.continuousUpdate()
				.setRenderer(this::barLine)
				.setConsumer(this.screen)
				.build();
			if (System.out == this.out) {
				// a warning logged to the console while the block is up goes above it, not through it
				this.systemOut = System.out;
				System.setOut(new PrintStream(this.screen.linesAbove(), true, StandardCharsets.UTF_8));
			}
		}
	}

	@Override
	public void stageStarted(String item, String stage) {
		synchronized (this.lock) {
			Integer slot = this.slotOf.get(item);
			if (slot == null) {
				slot = this.freeSlots.poll();
				if (slot == null) {
					return;
				}
				this.slotOf.put(item, slot);
			}
			this.board.enter(item, stage);
			this.slots[slot] = item;
		}
	}

	@Override
	public void stageFinished(String item) {
		release(item);
	}

	@Override
	public void delivered(String item, String output, double seconds) {
		synchronized (this.lock) {
			release(item);
			this.board.deliver(item);
			step();
		}
	}

	@Override
	public void leftBehind(String item, String stage, boolean skipped, String reason) {
		synchronized (this.lock) {
			release(item);
			this.board.leftBehind(item, skipped);
			step();
		}
	}

	private void step() {
		if (this.bar != null) {
			this.bar.step();
		}
	}

	/**
	 * {@code 3/5 items │██████▌    │ 60% · 2 delivered · 1 skipped · about 1m10s left}: the
	 * bar takes the room the words leave, and goes first when the terminal is narrow, since
	 * the counts and the time left matter more than the picture of them.
	 */
	private String barLine(ProgressState state, int columns) {
		long max = Math.max(1, state.getMax());
		long current = Math.min(state.getCurrent(), max);
		String left = current + "/" + state.getMax() + " items ";
		StringBuilder right = new StringBuilder(" ").append(current * 100 / max).append('%');
		String results = this.board.results();
		if (!results.isEmpty()) {
			right.append(" · ").append(results);
		}
		if (current < state.getMax() && !this.closing) {
			right.append(this.board.eta().map((eta) -> " · about " + ProgressBoard.duration(eta) + " left")
				.orElse(" · no estimate yet"));
		}
		int room = columns - left.length() - right.length() - 2;
		if (room < 8) {
			return left + right.substring(1);
		}
		return left + "│" + blocks(current, max, room) + "│" + right;
	}

	/** A bar of {@code width} columns, filled in eighths of a column. */
	private static String blocks(long current, long max, int width) {
		long eighths = current * width * 8 / max;
		StringBuilder bar = new StringBuilder("\u001b[32m");
		bar.append("█".repeat((int) (eighths / 8)));
		if (eighths % 8 > 0) {
			bar.append("▏▎▍▌▋▊▉".charAt((int) (eighths % 8) - 1));
		}
		bar.append("\u001b[0m");
		bar.append(" ".repeat((int) (width - eighths / 8 - (eighths % 8 > 0 ? 1 : 0))));
		return bar.toString();
	}

	/** Redraws now instead of at the next tick: for tests that look at the screen at a given moment. */
	void redraw() {
		ProgressBar current;
		synchronized (this.lock) {
			current = this.bar;
		}
		if (current != null) {
			current.refresh();
		}
	}

	private void release(String item) {
		synchronized (this.lock) {
			Integer slot = this.slotOf.remove(item);
			if (slot != null) {
				this.board.leave(item);
				this.slots[slot] = null;
				this.freeSlots.addFirst(slot);
			}
		}
	}

	/** {@code   worker 1  street: rendering (12s)} or {@code   worker 2  idle}, one per worker. */
	private List<String> workerLines() {
		List<String> lines = new ArrayList<>(this.workers);
		synchronized (this.lock) {
			for (int slot = 0; slot < this.workers; slot++) {
				String item = this.slots[slot];
				String state = item == null ? IDLE
						: this.board.inFlight(item)
							.map((f) -> PlainProgress.clean(item) + ": " + PlainProgress.clean(f.stage()) + " ("
									+ ProgressBoard.duration(f.elapsed()) + ")")
							.orElse(IDLE);
				lines.add("  worker " + (slot + 1) + "  " + state);
			}
		}
		return lines;
	}

	@Override
	public void close() {
		closeBar();
		if (this.width instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing left to draw on
			}
		}
	}

	private void closeBar() {
		ProgressBar finished;
		synchronized (this.lock) {
			this.closing = true;
			finished = this.bar;
			this.bar = null;
			this.slotOf.clear();
			if (this.systemOut != null) {
				System.setOut(this.systemOut);
				this.systemOut = null;
			}
		}
		if (finished != null) {
			// draws the bar a last time, then the screen erases the worker lines under it
			finished.close();
		}
	}

}
