package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run stopped with SIGTERM or Ctrl-C (SIGINT) stops cleanly: it prints why, lets the
 * stage in progress commit or abandons it, records the job as stopped, exits 143 or 130,
 * leaves no part file, and the next run finishes the job. The run is held inside its
 * first stage by a gated ffprobe ({@link ProbeGate}), so nothing here depends on timing.
 */
class CleanStopTest {

	/** The stop takes at most the grace (15 s) and the abandon (5 s); the rest is a loaded machine's margin. */
	private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

	private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

	private static final int ITEMS = 3;


	@TempDir
	Path dir;

	private Path manifest;

	@BeforeEach
	void manifest() throws IOException {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), 1, true);
		this.manifest = Clips.manifest(this.dir, clip, ITEMS, "add calm music");
	}

	@Test
	void sigtermLetsTheStageInProgressCommitRecordsTheJobStoppedExits143AndTheNextRunFinishes() throws Exception {
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm run = start(gate.environment());
		run.awaitOutput("Starting " + ITEMS + " item(s)", RUN_LIMIT);

		ProcessHandle.of(run.pid()).orElseThrow().destroy();
		run.awaitOutput("Stopping on request", STOP_LIMIT);
		gate.open();

		assertThat(run.awaitExit(STOP_LIMIT)).as(run.stderr()).isEqualTo(143);
		assertThat(run.stdout()).contains("Job stopped on request").doesNotContain("at org.");
		assertThat(lastExecutionStatus()).isEqualTo("STOPPED");
		assertThat(partFiles()).isEmpty();
		assertNextRunFinishes();
	}

	@Test
	void ctrlCAbandonsAStageThatDoesNotEndInTimeExits130AndTheItemIsNotHeldAgainstIt() throws Exception {
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm run = start(gate.environment());
		run.awaitOutput("Starting " + ITEMS + " item(s)", RUN_LIMIT);

		Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();

		// the gate stays shut: the probe never ends by itself, so the stop must abandon it
		assertThat(run.awaitExit(STOP_LIMIT)).as(run.stderr()).isEqualTo(130);
		assertThat(run.stdout()).contains("Stopping on request");
		assertThat(run.descendants()).isEmpty();
		assertThat(partFiles()).isEmpty();
		assertNextRunFinishes();
	}

	private void assertNextRunFinishes() throws InterruptedException, IOException {
		ChildJvm next = start(Map.of());
		assertThat(next.awaitExit(RUN_LIMIT)).as(next.stdout() + next.stderr()).isZero();
		for (int i = 0; i < ITEMS; i++) {
			Clips.assertValidOutput(this.dir.resolve("out/out-" + i + ".mp4"), 1);
		}
		assertThat(partFiles()).isEmpty();
	}

	private ChildJvm start(Map<String, String> environment) {
		return ChildJvm.start(ChildJvm.QUICK_START, environment, this.dir,
				List.of("manifest=" + this.manifest, "output=" + this.dir.resolve("out"),
						"state-dir=" + this.dir.resolve("state"), "concurrency=2", "progress=plain"));
	}

	private String lastExecutionStatus() throws SQLException {
		try (Connection connection = StateDatabase.open(this.dir.resolve("state"), this.manifest);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")) {
			assertThat(rs.next()).isTrue();
			return rs.getString(1);
		}
	}

	private List<Path> partFiles() throws IOException {
		Path out = this.dir.resolve("out");
		if (!Files.isDirectory(out)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(out)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".part")).toList();
		}
	}

}
