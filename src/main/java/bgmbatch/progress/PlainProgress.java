package bgmbatch.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress for a log or a cron mail: one line per stage change, each starting with the
 * date and time, no control characters, the time left once items are delivered, and a
 * heartbeat when nothing was said for a while, so a long wait never looks like a hang.
 *
 * <pre>
 * 2026-11-29 02:00:01 [0/3] street: probing
 * 2026-11-29 02:00:04 [1/3] street: delivered -> street-upbeat.mp4 (3.1 s); about 6s left
 * 2026-11-29 02:01:04 [1/3] still working: 2 in flight; bars rendering for 1m00s; about 40s left
 * </pre>
 */
public final class PlainProgress implements ProgressDisplay {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private final PrintStream out;

	private final Clock clock;

	private final Duration heartbeat;

	private final ProgressBoard board;

	private final Object lock = new Object();

	private ScheduledExecutorService timer;

	private long lastLine = System.nanoTime();

	public PlainProgress(PrintStream out, Clock clock, Duration heartbeat) {
		if (heartbeat.isZero() || heartbeat.isNegative()) {
			throw new IllegalArgumentException("the heartbeat interval must be positive, not " + heartbeat);
		}
		this.out = out;
		this.clock = clock;
		this.heartbeat = heartbeat;
		this.board = new ProgressBoard(clock);
	}

	@Override
	public void begin(int total, int done) {
		this.board.begin(total, done);
		synchronized (this.lock) {
			if (this.timer == null || this.timer.isShutdown()) {
				this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "progress-heartbeat");
					thread.setDaemon(true);
					return thread;
				});
				long period = this.heartbeat.toMillis();
				this.timer.scheduleAtFixedRate(this::beat, period, Math.max(1, period / 4), TimeUnit.MILLISECONDS);
			}
		}
		line("[%d/%d] %d item(s) to work on".formatted(done, total, total - done));
	}

	@Override
	public void stageStarted(String item, String stage) {
		this.board.enter(item, stage);
		line(counter() + " " + clean(item) + ": " + clean(stage));
	}

	@Override
	public void stageFinished(String item) {
		this.board.leave(item);
	}

	@Override
	public void delivered(String item, String output, double seconds) {
		int done = this.board.deliver(item);
		line(String.format(Locale.ROOT, "[%d/%d] %s: delivered -> %s (%.1f s)", done, this.board.total(), clean(item),
				clean(output), seconds) + timeLeft(done));
	}

	@Override
	public void leftBehind(String item, String stage, boolean skipped, String reason) {
		int done = this.board.leftBehind(item, skipped);
		line("[%d/%d] %s: %s while %s: %s".formatted(done, this.board.total(), clean(item),
				skipped ? "skipped" : "failed", clean(stage), clean(reason)));
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.timer != null) {
				this.timer.shutdownNow();
			}
		}
	}

	/** Says "still working" only when nothing else was said for a whole interval. */
	private void beat() {
		synchronized (this.lock) {
			if (System.nanoTime() - this.lastLine < this.heartbeat.toNanos()) {
				return;
			}
		}
		String longest = this.board.longest()
			.map((f) -> "; " + clean(f.item()) + " " + clean(f.stage()) + " for " + ProgressBoard.duration(f.elapsed()))
			.orElse("");
		line(counter() + " still working: " + this.board.inFlightCount() + " in flight" + longest
				+ timeLeft(this.board.done()));
	}

	/** "; about 3m10s left", from the run's deliveries per second, once there is a rate and work left. */
	private String timeLeft(int done) {
		if (done >= this.board.total()) {
			return "";
		}
		return this.board.eta().map((eta) -> "; about " + ProgressBoard.duration(eta) + " left").orElse("");
	}

	private String counter() {
		return "[" + this.board.done() + "/" + this.board.total() + "]";
	}

	private void line(String text) {
		synchronized (this.lock) {
			this.out.println(LocalDateTime.now(this.clock).format(TIME) + " " + text);
			this.out.flush();
			this.lastLine = System.nanoTime();
		}
	}

	/**
	 * Ids and reasons come from manifests and engines: no escape code or line break gets
	 * through, the 8-bit ones (a lone CSI) included.
	 */
	static String clean(String text) {
		return text == null ? "" : text.replaceAll("\\p{Cc}", " ");
	}

}
