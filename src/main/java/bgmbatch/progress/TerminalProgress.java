package bgmbatch.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import bgmbatch.engine.Stage;

import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live display on a terminal, drawn by the progressbar library: an overall bar
 * (items done of total, with its ETA) and one line per lane showing the item in flight
 * and its stage. A lane works on one item at a time, so a line per lane is a line per
 * item in flight. The library stacks several bars with cursor moves when the terminal
 * supports them, and redraws them from its own timer thread. The bars go to the same
 * console as the summary, so the summary lands below the finished bars.
 */
final class TerminalProgress implements ProgressDisplay {

	private static final String IDLE = "idle";

	private final int lanes;

	private final Object lock = new Object();

	private final Map<String, Integer> slotOf = new HashMap<>();

	private final Deque<Integer> freeSlots = new ArrayDeque<>();

	private final List<ProgressBar> slots = new ArrayList<>();

	private final AtomicLongArray since;

	private ProgressBar overall;

	private final PrintStream out;

	TerminalProgress(int lanes, PrintStream out) {
		this.lanes = Math.max(1, lanes);
		this.out = out;
		this.since = new AtomicLongArray(this.lanes);
	}

	private String laneLine(String lane, String message, int index, int width) {
		String text = lane + "  " + (message == null ? IDLE : message);
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
			this.overall = new ProgressBarBuilder().setTaskName("items")
				.setInitialMax(total)
				.startsFrom(done, Duration.ZERO)
				.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
				.setUpdateIntervalMillis(250)
				.continuousUpdate()
				.setConsumer(new InteractiveConsoleProgressBarConsumer(this.out))
				.build();
			for (int lane = 0; lane < this.lanes; lane++) {
				int index = lane;
				// a lane is a line of text, not a bar: the library draws and stacks it, this says what it shows
				ProgressBar slot = new ProgressBarBuilder().setTaskName("  lane " + (lane + 1))
					.setInitialMax(-1)
					.setRenderer((state, width) -> laneLine(state.getTaskName(), state.getExtraMessage(), index, width))
					.setUpdateIntervalMillis(250)
					.continuousUpdate()
					.setConsumer(new InteractiveConsoleProgressBarConsumer(this.out))
					.build();
				slot.setExtraMessage(IDLE);
				this.slots.add(slot);
				this.freeSlots.add(lane);
			}
		}
	}

	@Override
	public void stageStarted(String item, Stage stage) {
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
			this.slots.get(slot).setExtraMessage(PlainProgress.clean(item) + ": " + ProgressBoard.verb(stage));
		}
	}

	@Override
	public void stageFinished(String item, Stage stage) {
		release(item);
	}

	@Override
	public void delivered(String item, String output, double seconds) {
		release(item);
		step();
	}

	@Override
	public void leftBehind(String item, Stage stage, boolean skipped, String reason) {
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
			// the lanes go first so the finished overall bar is the last thing left on screen
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
