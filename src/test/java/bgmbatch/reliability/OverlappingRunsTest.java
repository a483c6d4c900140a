package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import bgmbatch.state.RunLock;
import bgmbatch.state.StateFolder;
import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.InProcessRun;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guarantee 2: cron may start a run while the last one still works. The same manifest
 * must not run twice at once; a run killed by kill -9 must not block the next; different
 * manifests share a state folder without waiting for each other.
 */
class OverlappingRunsTest {

	private static final Duration LIMIT = Duration.ofMinutes(2);

	private final List<ProcessHandle> leftovers = new ArrayList<>();

	@TempDir
	Path dir;

	private Path clip;

	private Path state;

	@BeforeEach
	void clip() {
		this.clip = Clips.video(this.dir.resolve("source.mp4"), 1, true);
		this.state = this.dir.resolve("state");
	}

	@AfterEach
	void stopLeftovers() {
		this.leftovers.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void secondRunOfTheSameManifestExitsAtOnceAndTakesOverOnceTheFirstIsKilled() throws Exception {
		Path manifest = manifest("a", 2);
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm first = start(manifest, gate);
		first.awaitOutput("Starting 2 item(s)", LIMIT);

		InProcessRun second = InProcessRun.of(args(manifest));
		assertThat(second.exitCode()).isEqualTo(5);
		assertThat(second.err()).contains("another run of " + manifest)
			.contains("process " + first.pid())
			.contains("exits without doing anything");
		assertThat(first.isAlive()).as("the second run left the first alone").isTrue();

		this.leftovers.addAll(first.killAfter(0));
		Path lockFile = new StateFolder(this.state).lockFile(manifest);
		assertThat(lockFile).as("kill -9 leaves the lock file behind").exists();
		assertThat(RunLock.holder(lockFile)).isEqualTo(Long.toString(first.pid()));

		InProcessRun third = InProcessRun.of(args(manifest));
		assertThat(third.exitCode()).as(third.err()).isZero();
		assertOutputs(manifest, 2);
	}

	@Test
	void twoManifestsRunAtTheSameTimeWithOneStateFolder() throws Exception {
		Path held = manifest("held", 1);
		Path other = manifest("other", 2);
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm first = start(held, gate);
		first.awaitOutput("Starting 1 item(s)", LIMIT);

		InProcessRun second = InProcessRun.of(args(other));
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertOutputs(other, 2);
		assertThat(first.isAlive()).as("the first run was still in its job the whole time").isTrue();

		gate.open();
		assertThat(first.awaitExit(LIMIT)).as(first.stderr()).isZero();
		assertOutputs(held, 1);
		try (Stream<Path> databases = Files.list(this.state.resolve("db"))) {
			assertThat(databases).as("one database per manifest").hasSize(2);
		}
	}

	private ChildJvm start(Path manifest, ProbeGate gate) {
		return ChildJvm.start(ChildJvm.QUICK_START, gate.environment(), this.dir, List.of(args(manifest)));
	}

	private String[] args(Path manifest) {
		return new String[] { "manifest=" + manifest, "output=" + manifest.resolveSibling("out"),
				"state-dir=" + this.state, "concurrency=2" };
	}

	private Path manifest(String name, int items) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve(name));
		StringBuilder csv = new StringBuilder("video,instruction,output\n");
		for (int i = 0; i < items; i++) {
			Files.copy(this.clip, folder.resolve("in-" + i + ".mp4"));
			csv.append("in-").append(i).append(".mp4,calm music,out-").append(i).append(".mp4\n");
		}
		return Files.writeString(folder.resolve("videos.csv"), csv);
	}

	private void assertOutputs(Path manifest, int items) {
		for (int i = 0; i < items; i++) {
			Clips.assertValidOutput(manifest.resolveSibling("out").resolve("out-" + i + ".mp4"), 1);
		}
	}

}
