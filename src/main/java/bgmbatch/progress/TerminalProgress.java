package bgmbatch.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live display on a terminal, drawn by the progressbar library: an overall bar
 * (items done of total, with the time left at the run's measured deliveries per second)
 * and one line per worker showing the item in flight and its stage. A worker works on one
 * item at a time, so a line per worker is a line per item in flight. The library stacks
 * several bars with cursor moves when the terminal supports them, and redraws them from
 * its own timer thread. The bars go to the same console as the summary, so the summary
 * lands below the finished bars.
 */
final class TerminalProgress implements ProgressDisplay {

	private static final String IDLE = "idle";

	private final int workers;

	private final Object lock = new Object();

	private final Map<String, Integer> slotOf = new HashMap<>();

	private final Deque<Integer> freeSlots = new ArrayDeque<>();

	private final List<ProgressBar> slots = new ArrayList<>();

	private final AtomicLongArray since;

	private ProgressBar overall;

	private final PrintStream out;

	private final ProgressBoard board = new ProgressBoard(Clock.systemUTC());

	TerminalProgress(int workers, PrintStream out) {
		this.workers = Math.max(1, workers);
		this.out = out;
		this.since = new AtomicLongArray(this.workers);
	}

	private String workerLine(String worker, String message, int index, int width) {
		String text = worker + "  " + (message == null ? IDLE : message);
		if (!IDLE.equals(message)) {
			text += " (" + ProgressBoard.duration(Duration.ofNanos(System.nanoTime() - this.since.get(index))) + ")";
		}
		return text.length() > width ? text.substring(0, Math.max(0, width)) : text;
	}

	@Override
	public void begin(int total, int done) {
		synchronized (this.lock) {
			if (this.overall != null) {
				return;
			}
			this.board.begin(total, done);
			this.overall = new ProgressBarBuilder().setTaskName("items")
				.setInitialMax(total)
				.startsFrom(done, Duration.ZERO)
				.setEtaFunction((state) -> this.board.eta())
				.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
				.setUpdateIntervalMillis(250)
				.continuousUpdate()
				.setConsumer(new InteractiveConsoleProgressBarConsumer(this.out))
				.build();
			for (int worker = 0; worker < this.workers; worker++) {
				int index = worker;
				// a worker is a line of text, not a bar: the library draws and stacks it, this says what it shows
				ProgressBar slot = new ProgressBarBuilder().setTaskName("  worker " + (worker + 1))
					.setInitialMax(-1)
					.setRenderer((state, width) -> workerLine(state.getTaskName(), state.getExtraMessage(), index, width))
					.setUpdateIntervalMillis(250)
					.continuousUpdate()
					.setConsumer(new InteractiveConsoleProgressBarConsumer(this.out))
					.build();
				slot.setExtraMessage(IDLE);
				this.slots.add(slot);
				this.freeSlots.add(worker);
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
			this.since.set(slot, System.nanoTime());
			this.slots.get(slot).setExtraMessage(PlainProgress.clean(item) + ": " + PlainProgress.clean(stage));
		}
	}

	@Override
	public void stageFinished(String item) {
		release(item);
	}

	@Override
	public void delivered(String item, String output, double seconds) {
		this.board.deliver(item);
		release(item);
		step();
	}

	@Override
	public void leftBehind(String item, String stage, boolean skipped, String reason) {
		this.board.finish(item);
		release(item);
		step();
	}

	private void step() {
		synchronized (this.lock) {
			if (this.overall != null) {
				this.overall.step();
			}
		}
	}

	private void release(String item) {
		synchronized (this.lock) {
			Integer slot = this.slotOf.remove(item);
			if (slot != null) {
				this.slots.get(slot).setExtraMessage(IDLE);
				this.freeSlots.addFirst(slot);
			}
		}
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			// the workers go first so the finished overall bar is the last thing left on screen
			this.slots.forEach(ProgressBar::close);
			this.slots.clear();
			this.slotOf.clear();
			this.freeSlots.clear();
			if (this.overall != null) {
				this.overall.close();
				this.overall = null;
			}
		}
	}

}
