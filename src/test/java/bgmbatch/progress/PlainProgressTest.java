package bgmbatch.progress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import bgmbatch.engine.Stage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainProgressTest {

	private static final Clock NIGHT = Clock.fixed(Instant.parse("2026-01-02T02:00:05Z"), ZoneOffset.UTC);

	@Test
	void printsOneLineWithDateAndTimeForEachStageChangeAndEachEndWithTheTimeLeftAtThePaceSoFar() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		AtomicLong nanos = new AtomicLong();
		try (PlainProgress progress = new PlainProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8), NIGHT,
				Duration.ofHours(1), nanos::get)) {
			progress.begin(4, 1);
			progress.stageStarted("street", Stage.UPLOAD);
			progress.stageFinished("street", Stage.UPLOAD);
			progress.stageStarted("street", Stage.EXPORT);
			progress.stageFinished("street", Stage.EXPORT);
			progress.stageStarted("street", Stage.DOWNLOAD);
			nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
			progress.delivered("street", "street-upbeat.mp4", 3.14);
			progress.stageStarted("bars", Stage.EDIT);
			nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
			progress.leftBehind("bars", Stage.EDIT, true, "the instruction asks for nothing");
			progress.stageStarted("last", Stage.UPLOAD);
			progress.delivered("last", "last.mp4", 1);
		}

		assertThat(buffer.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
				"2026-01-02 02:00:05 [1/4] 3 item(s) to work on", "2026-01-02 02:00:05 [1/4] street: uploading",
				"2026-01-02 02:00:05 [1/4] street: rendering", "2026-01-02 02:00:05 [1/4] street: downloading",
				"2026-01-02 02:00:05 [2/4] street: delivered -> street-upbeat.mp4 (3.1 s); about 20s left",
				"2026-01-02 02:00:05 [2/4] bars: editing",
				"2026-01-02 02:00:05 [3/4] bars: skipped at edit: the instruction asks for nothing; about 6s left",
				"2026-01-02 02:00:05 [3/4] last: uploading", "2026-01-02 02:00:05 [4/4] last: delivered -> last.mp4 (1.0 s)");
	}

	@Test
	void noControlCharacterReachesTheOutputEvenFromHostileIdsAndReasons() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (PlainProgress progress = new PlainProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8), NIGHT,
				Duration.ofHours(1))) {
			progress.begin(1, 0);
			progress.stageStarted("evil\u001b[2Jid\r", Stage.UPLOAD);
			progress.leftBehind("evil\u001b[2Jid\r", Stage.UPLOAD, false, "line one\nline two\u0007\u009b2J");
		}

		String text = buffer.toString(StandardCharsets.UTF_8);
		assertThat(text.lines()).hasSize(3);
		assertThat(text.replace("\n", "")).doesNotContainPattern("\\p{Cc}");
		assertThat(text).contains("failed at upload: line one line two");
	}

	@Test
	void saysStillWorkingWhenAStageRunsLongerThanTheHeartbeat() throws Exception {
		CountDownLatch heartbeat = new CountDownLatch(1);
		// a beat may also come between begin and the stage start; the one that counts names the stage
		LineCatcher lines = new LineCatcher("still working: 1 in flight", heartbeat);
		try (PlainProgress progress = new PlainProgress(new PrintStream(lines, true, StandardCharsets.UTF_8),
				Clock.systemUTC(), Duration.ofMillis(50))) {
			progress.begin(2, 0);
			progress.stageStarted("bars", Stage.EXPORT);

			assertThat(heartbeat.await(10, TimeUnit.SECONDS)).as("a heartbeat line within 10 s").isTrue();
		}
		assertThat(lines.matching()).first()
			.asString()
			.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[0/2\\] still working: 1 in flight; bars rendering for \\d+s");
	}

	@Test
	void quietDisplayPrintsNothing() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		OperatorProperties quiet = new OperatorProperties("plain", true, Duration.ofMinutes(1), 10);
		try (ProgressDisplay display = ProgressDisplays.choose(quiet, false, 2,
				new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
			display.begin(1, 0);
			display.stageStarted("a", Stage.UPLOAD);
			display.delivered("a", "a.mp4", 1);
		}
		assertThat(buffer.size()).isZero();
	}

	@Test
	void autoModeWithoutTerminalIsPlain() {
		OperatorProperties auto = new OperatorProperties("auto", false, Duration.ofMinutes(1), 10);
		try (ProgressDisplay display = ProgressDisplays.choose(auto, false, 2, System.out)) {
			assertThat(display).isInstanceOf(PlainProgress.class);
		}
		try (ProgressDisplay display = ProgressDisplays.choose(auto, true, 2, System.out)) {
			assertThat(display).isInstanceOf(TerminalProgress.class);
		}
	}

	/** Collects the lines written to it and opens a latch when one contains a word. */
	private static final class LineCatcher extends OutputStream {

		private final String word;

		private final CountDownLatch latch;

		private final StringBuilder current = new StringBuilder();

		private final List<String> matching = new java.util.concurrent.CopyOnWriteArrayList<>();

		LineCatcher(String word, CountDownLatch latch) {
			this.word = word;
			this.latch = latch;
		}

		@Override
		public synchronized void write(int b) {
			if (b == '\n') {
				String line = this.current.toString();
				this.current.setLength(0);
				if (line.contains(this.word)) {
					this.matching.add(line);
					this.latch.countDown();
				}
			}
			else {
				this.current.append((char) b);
			}
		}

		List<String> matching() {
			return this.matching;
		}

	}

}
