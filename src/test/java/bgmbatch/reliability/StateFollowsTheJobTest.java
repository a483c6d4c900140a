package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.InProcessRun;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's state and its run lock follow the job, not the folder a run starts in: the
 * same cron line run from another folder finds its job done; two runs that would write
 * into one output folder never run at once, whatever their folders or state folders; a
 * new output folder is a new job that gets every output.
 */
class StateFollowsTheJobTest {

	private static final Duration LIMIT = Duration.ofMinutes(2);

	private final List<ProcessHandle> leftovers = new ArrayList<>();

	@TempDir
	Path dir;

	private Path manifest;

	/** The user's state folder of these runs, as cron and a shell of one user share it. */
	private Map<String, String> user;

	@BeforeEach
	void job() throws IOException {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), 1, true);
		Path folder = Files.createDirectories(this.dir.resolve("job"));
		StringBuilder csv = new StringBuilder("video,instruction,output\n");
		for (int i = 0; i < 2; i++) {
			Files.copy(clip, folder.resolve("in-" + i + ".mp4"));
			csv.append("in-").append(i).append(".mp4,calm music,out-").append(i).append(".mp4\n");
		}
		this.manifest = Files.writeString(folder.resolve("videos.csv"), csv);
		this.user = Map.of("XDG_STATE_HOME", this.dir.resolve("user-state").toString());
	}

	@AfterEach
	void stopLeftovers() {
		this.leftovers.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void theSameCommandRunFromAnotherFolderFindsItsJobDoneAndLeavesTheOutputsAlone() throws Exception {
		Path output = this.manifest.resolveSibling("output");
		ChildJvm first = run(Files.createDirectories(this.dir.resolve("home")), Map.of(), "manifest=" + this.manifest);
		assertThat(first.awaitExit(LIMIT)).as(first.stderr()).isZero();
		Map<String, Object> delivered = Clips.outputs(output);
		assertThat(delivered).containsOnlyKeys("out-0.mp4", "out-1.mp4");

		ChildJvm second = run(Files.createDirectories(this.dir.resolve("elsewhere")), Map.of(),
				"manifest=" + this.manifest);
		assertThat(second.awaitExit(LIMIT)).as(second.stderr()).isZero();
		assertThat(second.stdout()).contains("Nothing to do: 2 delivered");
		assertThat(Clips.outputs(output)).as("the same files, never made again").isEqualTo(delivered);
		assertThat(this.dir.resolve("home/.bgm-batch")).doesNotExist();
		assertThat(this.dir.resolve("elsewhere/.bgm-batch")).doesNotExist();
		assertThat(this.dir.resolve("user-state/bgm-batch/db")).isDirectory();
	}

	@Test
	void aSecondRunIntoTheSameOutputFolderExitsAtOnceWhateverItsFolderAndStateFolder() throws Exception {
		Path output = this.dir.resolve("shared-out");
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm first = run(Files.createDirectories(this.dir.resolve("one")), gate.environment(),
				"manifest=" + this.manifest, "output=" + output);
		first.awaitOutput("Starting 2 item(s)", LIMIT);

		ChildJvm sameJob = run(Files.createDirectories(this.dir.resolve("two")), Map.of(), "manifest=" + this.manifest,
				"output=" + output, "state-dir=" + this.dir.resolve("other-state"));
		assertThat(sameJob.awaitExit(LIMIT)).as(sameJob.stderr()).isEqualTo(5);
		assertThat(sameJob.stderr()).contains("another run of " + this.manifest)
			.contains("writing into " + output)
			.contains("process " + first.pid());

		Path otherManifest = Files.writeString(this.dir.resolve("other.csv"),
				"video,instruction,output\n" + this.manifest.resolveSibling("in-0.mp4") + ",calm music,x.mp4\n");
		ChildJvm otherJob = run(this.dir, Map.of(), "manifest=" + otherManifest, "output=" + output);
		assertThat(otherJob.awaitExit(LIMIT)).as(otherJob.stderr()).isEqualTo(5);
		assertThat(otherJob.stderr()).contains("writing into " + output);
		assertThat(first.isAlive()).as("the second runs left the first alone").isTrue();

		gate.open();
		assertThat(first.awaitExit(LIMIT)).as(first.stderr()).isZero();
		assertThat(Clips.outputs(output)).containsOnlyKeys("out-0.mp4", "out-1.mp4");
	}

	@Test
	void aNewOutputFolderIsANewJobThatGetsEveryOutput() throws Exception {
		Path state = this.dir.resolve("state");
		InProcessRun first = InProcessRun.of("manifest=" + this.manifest, "output=" + this.dir.resolve("out-a"),
				"state-dir=" + state);
		assertThat(first.exitCode()).as(first.err()).isZero();
		Map<String, Object> a = Clips.outputs(this.dir.resolve("out-a"));

		InProcessRun second = InProcessRun.of("manifest=" + this.manifest, "output=" + this.dir.resolve("out-b"),
				"state-dir=" + state);
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertThat(Clips.outputs(this.dir.resolve("out-b"))).containsOnlyKeys("out-0.mp4", "out-1.mp4");
		assertThat(Clips.outputs(this.dir.resolve("out-a"))).as("the first folder untouched").isEqualTo(a);
		for (String name : List.of("out-0.mp4", "out-1.mp4")) {
			Clips.assertValidOutput(this.dir.resolve("out-b").resolve(name), 1);
		}
	}

	private ChildJvm run(Path workDir, Map<String, String> environment, String... args) {
		Map<String, String> env = new HashMap<>(this.user);
		env.putAll(environment);
		ChildJvm child = ChildJvm.start(ChildJvm.QUICK_START, env, workDir, List.of(args));
		this.leftovers.add(ProcessHandle.of(child.pid()).orElseThrow());
		return child;
	}

}
