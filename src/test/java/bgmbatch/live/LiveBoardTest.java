package bgmbatch.live;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import bgmbatch.engine.Stage;
import bgmbatch.state.StateFolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LiveBoardTest {

	private static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

	@TempDir
	Path dir;

	private final MovingClock clock = new MovingClock();

	@Test
	void anItemsEtaIsTheMeasuredTimeOfItsRemainingStagesLessItsTimeInTheCurrentOne() {
		try (LiveBoard board = new LiveBoard(new StateFolder(this.dir), this.clock)) {
			board.begin(this.dir.resolve("videos.csv"), 7, List.of(waiting("a"), waiting("b"), waiting("c")), 0, 0);
			// a goes through every stage, 10 s each
			for (Stage stage = Stage.UPLOAD; stage != Stage.DONE; stage = stage.next()) {
				board.stageStarted("a", stage, stage.name(), "host:1:1");
				this.clock.pass(10);
				if (stage.next() == Stage.DONE) {
					board.delivered("a", stage, 10, "done");
				}
				else {
					board.stageFinished("a", stage, 10, stage.next().name());
				}
			}
			board.stageStarted("b", Stage.EXPORT, "rendering", "host:1:2");
			this.clock.pass(4);

			LiveSnapshot snapshot = board.snapshot();

			LiveSnapshot.Item b = snapshot.items().get(1);
			assertThat(b.state()).isEqualTo("working");
			assertThat(b.worker()).isEqualTo("host:1:2");
			assertThat(b.since()).isEqualTo(START.plusSeconds(50).toString());
			// export and download left, 10 s each, 4 s of export spent
			assertThat(b.eta()).isEqualTo(START.plusSeconds(54 + 16).toString());
			assertThat(snapshot.items().get(2).eta()).as("not being worked on").isNull();
			assertThat(snapshot.delivered()).isEqualTo(1);
			// one delivered in 54 s of run; two to go
			assertThat(snapshot.eta()).isEqualTo(START.plusSeconds(54 + 108).toString());
			assertThat(snapshot.execution()).isEqualTo(7);
			assertThat(snapshot.pid()).isEqualTo(ProcessHandle.current().pid());
		}
	}

	@Test
	void anItemsEtaIsUnknownUntilEachOfItsRemainingStagesWasMeasured() {
		try (LiveBoard board = new LiveBoard(new StateFolder(this.dir), this.clock)) {
			board.begin(this.dir.resolve("videos.csv"), 1, List.of(waiting("a")), 0, 0);
			board.stageStarted("a", Stage.UPLOAD, "probing", "host:1:1");
			this.clock.pass(3);

			LiveSnapshot snapshot = board.snapshot();

			assertThat(snapshot.items().get(0).eta()).isNull();
			assertThat(snapshot.eta()).isNull();
		}
	}

	@Test
	void closingTheBoardTakesTheStatusFileDown() {
		StateFolder state = new StateFolder(this.dir);
		Path manifest = this.dir.resolve("videos.csv");
		LiveBoard board = new LiveBoard(state, this.clock);
		board.begin(manifest, 1, List.of(waiting("a")), 0, 0);
		board.stageStarted("a", Stage.UPLOAD, "probing", "host:1:1");

		board.close();

		assertThat(state.liveStatusFile(manifest)).doesNotExist();
	}

	private static LiveBoard.ItemState waiting(String id) {
		return new LiveBoard.ItemState(id, "waiting", Stage.UPLOAD, "probing", null, null, null);
	}

	private static final class MovingClock extends Clock {

		private volatile Instant now = START;

		void pass(long seconds) {
			this.now = this.now.plus(Duration.ofSeconds(seconds));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
