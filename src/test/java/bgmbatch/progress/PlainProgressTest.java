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
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import bgmbatch.settings.BgmProperties;
import bgmbatch.settings.OperatorProperties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainProgressTest {

	private static final Clock NIGHT = Clock.fixed(Instant.parse("2026-01-02T02:00:05Z"), ZoneOffset.UTC);

	@Test
	void printsOneLineStartingWithDateAndTimeForEachStageChangeAndEachEnd() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (PlainProgress progress = new PlainProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8), NIGHT,
				Duration.ofHours(1))) {
			progress.begin(3, 1);
			progress.stageStarted("street", "uploading");
			progress.stageFinished("street");
			progress.stageStarted("street", "rendering");
			progress.stageFinished("street");
			progress.stageStarted("street", "downloading");
			progress.delivered("street", "street-upbeat.mp4", 3.14);
			progress.stageStarted("bars", "editing");
			progress.leftBehind("bars", "editing", true, "the instruction asks for nothing");
		}

		assertThat(buffer.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
				"2026-01-02T02:00:05Z [1/3] 2 item(s) to work on", "2026-01-02T02:00:05Z [1/3] street: uploading",
				"2026-01-02T02:00:05Z [1/3] street: rendering", "2026-01-02T02:00:05Z [1/3] street: downloading",
				"2026-01-02T02:00:05Z [2/3] street: delivered -> street-upbeat.mp4 (3.1 s)",
				"2026-01-02T02:00:05Z [2/3] bars: editing",
				"2026-01-02T02:00:05Z [3/3] bars: skipped while editing: the instruction asks for nothing");
	}

	@Test
	void timeLeftComesFromTheItemsDeliveredPerSecondOfThisRunNotFromStageChanges() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		StepClock clock = new StepClock(Instant.parse("2026-01-02T02:00:00Z"));
		try (PlainProgress progress = new PlainProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8), clock,
				Duration.ofHours(1))) {
			progress.begin(10, 2);
			clock.advance(Duration.ofSeconds(30));
			progress.stageStarted("a", "rendering");
			progress.stageStarted("b", "rendering");
			progress.delivered("a", "a.mp4", 30);
			clock.advance(Duration.ofSeconds(30));
			progress.delivered("b", "b.mp4", 60);
			progress.leftBehind("c", "planning", true, "no music file");
		}

		assertThat(buffer.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
				"2026-01-02T02:00:00Z [2/10] 8 item(s) to work on", "2026-01-02T02:00:30Z [2/10] a: rendering",
				"2026-01-02T02:00:30Z [2/10] b: rendering",
				// one delivered in 30 s, seven to go
				"2026-01-02T02:00:30Z [3/10] a: delivered -> a.mp4 (30.0 s); about 3m30s left",
				// two in 60 s, six to go
				"2026-01-02T02:01:00Z [4/10] b: delivered -> b.mp4 (60.0 s); about 3m00s left",
				"2026-01-02T02:01:00Z [5/10] c: skipped while planning: no music file");
	}

	@Test
	void noControlCharacterReachesTheOutputEvenFromHostileIdsAndReasons() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (PlainProgress progress = new PlainProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8), NIGHT,
				Duration.ofHours(1))) {
			progress.begin(1, 0);
			progress.stageStarted("evil\u001b[2Jid\r", "uploading");
			progress.leftBehind("evil\u001b[2Jid\r", "uploading", false, "line one\nline two\u0007\u009b2J");
		}

		String text = buffer.toString(StandardCharsets.UTF_8);
		assertThat(text.lines()).hasSize(3);
		assertThat(text.replace("\n", "")).doesNotContainPattern("\\p{Cc}");
		assertThat(text).contains("failed while uploading: line one line two");
	}

	@Test
	void saysStillWorkingWhenAStageRunsLongerThanTheHeartbeat() throws Exception {
		CountDownLatch heartbeat = new CountDownLatch(1);
		// a beat may also come between begin and the stage start; the one that counts names the stage
		LineCatcher lines = new LineCatcher("still working: 1 in flight", heartbeat);
		try (PlainProgress progress = new PlainProgress(new PrintStream(lines, true, StandardCharsets.UTF_8),
				Clock.systemUTC(), Duration.ofMillis(50))) {
			progress.begin(2, 0);
			progress.stageStarted("bars", "rendering");

			assertThat(heartbeat.await(10, TimeUnit.SECONDS)).as("a heartbeat line within 10 s").isTrue();
		}
		assertThat(lines.matching()).first()
			.asString()
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d) \\[0/2\\] still working: 1 in flight; bars rendering for \\d+s");
	}

	@Test
	void quietDisplayPrintsNothing() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		OperatorProperties quiet = BgmProperties.of(Map.of("progress", "plain", "quiet", "true")).operator();
		try (ProgressDisplay display = ProgressDisplays.choose(quiet, false, 2,
				new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
			display.begin(1, 0);
			display.stageStarted("a", "uploading");
			display.delivered("a", "a.mp4", 1);
		}
		assertThat(buffer.size()).isZero();
	}

	@Test
	void autoModeWithoutTerminalIsPlain() {
		OperatorProperties auto = BgmProperties.of(Map.of("progress", "auto")).operator();
		try (ProgressDisplay display = ProgressDisplays.choose(auto, false, 2, System.out)) {
			assertThat(display).isInstanceOf(PlainProgress.class);
		}
		try (ProgressDisplay display = ProgressDisplays.choose(auto, true, 2, System.out)) {
			assertThat(display).isInstanceOf(TerminalProgress.class);
		}
	}

	/** A clock that moves only when told to. */
	private static final class StepClock extends Clock {

		private Instant now;

		StepClock(Instant start) {
			this.now = start;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
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
