package bgmbatch.reliability;

import bgmbatch.support.InProcessRun;
import bgmbatch.support.Clips;
import bgmbatch.support.ChildJvm;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.live.LiveSnapshot;
import bgmbatch.state.StateFolder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Looking inside a live run: {@code status} and {@code jobs} while a run in another JVM is
 * held inside its job (its ffprobe waits at a gate), and after it was killed. The run's
 * database is never opened meanwhile: both read the status the run publishes.
 */
class LiveStatusTest {

	private static final Duration LIMIT = Duration.ofMinutes(2);

	private static final Pattern ISO_SECONDS = Pattern
		.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");


	private final List<ProcessHandle> leftovers = new ArrayList<>();

	@TempDir
	Path dir;

	private Path manifest;

	private Path state;

	@BeforeEach
	void manifest() throws IOException {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), 1, true);
		StringBuilder csv = new StringBuilder("video,instruction,id\n");
		for (String id : List.of("alpha", "bravo", "charlie")) {
			Files.copy(clip, this.dir.resolve(id + ".mp4"));
			csv.append(id).append(".mp4,calm music,").append(id).append('\n');
		}
		this.manifest = Files.writeString(this.dir.resolve("videos.csv"), csv);
		this.state = this.dir.resolve("state");
	}

	@AfterEach
	void stopLeftovers() {
		this.leftovers.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void statusAndJobsShowEveryItemOfARunInProgressThenTheFinishedRun() throws Exception {
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm run = start(gate);
		LiveSnapshot held = awaitSnapshot(run, (s) -> s.items().stream().filter((i) -> "working".equals(i.state())).count() == 2);

		InProcessRun status = InProcessRun.of("status", "manifest=" + this.manifest, "state-dir=" + this.state);
		InProcessRun jobs = InProcessRun.of("jobs", "state-dir=" + this.state);

		assertThat(status.exitCode()).as(status.err()).isZero();
		String worker = "\\S+:" + run.pid() + ":\\d+";
		assertThat(status.out()).contains("running in process " + run.pid())
			.containsPattern("(?m)^Started: +" + ISO_SECONDS + "$")
			.containsPattern("(?m)^  alpha\\s+working\\s+probing\\s+" + worker + "\\s+\\d+s\\s+-$")
			.containsPattern("(?m)^  bravo\\s+working\\s+probing\\s+" + worker + "\\s+\\d+s\\s+-$")
			.containsPattern("(?m)^  charlie\\s+waiting\\s+probing$")
			.contains("0 delivered, 0 skipped, 0 failed, 2 working, 1 waiting (of 3)");
		assertThat(held.items()).extracting(LiveSnapshot.Item::worker)
			.filteredOn((w) -> w != null)
			.allMatch((w) -> w.matches(worker))
			.doesNotHaveDuplicates();
		assertThat(jobs.exitCode()).isZero();
		assertThat(jobs.out()).containsPattern(Pattern.quote(this.manifest.toString()) + "\\s+\\d+\\s+" + ISO_SECONDS
				+ "\\s+running\\s+0\\s+0\\s+0")
			.doesNotContain("note:");
		assertThat(run.isAlive()).as("status and jobs left the run alone").isTrue();

		gate.open();
		assertThat(run.awaitExit(LIMIT)).as(run.stderr()).isZero();
		assertThat(liveFile()).as("a finished run takes its status down").doesNotExist();
		InProcessRun after = InProcessRun.of("status", "manifest=" + this.manifest, "state-dir=" + this.state);
		assertThat(after.out()).containsPattern("(?m)^Run: +execution \\d+, finished$").doesNotContain("running");
	}

	@Test
	void aKilledRunIsNeverShownAsRunning() throws Exception {
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm run = start(gate);
		awaitSnapshot(run, (s) -> s.items().stream().anyMatch((i) -> "working".equals(i.state())));

		this.leftovers.addAll(run.killAfter(0));
		assertThat(liveFile()).as("kill -9 leaves the snapshot behind").exists();

		InProcessRun status = InProcessRun.of("status", "manifest=" + this.manifest, "state-dir=" + this.state);
		InProcessRun jobs = InProcessRun.of("jobs", "state-dir=" + this.state);

		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).containsPattern("(?m)^Run: +execution \\d+, interrupted: its process is gone")
			.doesNotContain("running");
		assertThat(jobs.out()).containsPattern("\\s+interrupted\\s+0\\s+0\\s+0").doesNotContainPattern("\\srunning\\s");
		gate.open();
	}

	private ChildJvm start(ProbeGate gate) {
		return ChildJvm.start(ChildJvm.QUICK_START, gate.environment(), this.dir,
				List.of("manifest=" + this.manifest, "output=" + this.dir.resolve("out"), "state-dir=" + this.state,
						"concurrency=2", "progress=plain"));
	}

	private Path liveFile() {
		return new StateFolder(this.state).liveStatusFile(this.manifest);
	}

	/**
	 * Waits until the run's published status satisfies the condition: woken by each write
	 * of the file (the run rewrites it every second and on each stage change), not by a timer.
	 */
	private LiveSnapshot awaitSnapshot(ChildJvm run, Predicate<LiveSnapshot> condition) throws Exception {
		Path file = liveFile();
		Files.createDirectories(file.getParent());
		ObjectMapper json = new ObjectMapper();
		long deadline = System.nanoTime() + LIMIT.toNanos();
		try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
			file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
			while (true) {
				if (Files.isRegularFile(file)) {
					try {
						LiveSnapshot snapshot = json.readValue(file.toFile(), LiveSnapshot.class);
						if (condition.test(snapshot)) {
							return snapshot;
						}
					}
					catch (IOException ex) {
						// replaced while read: the next event brings the next one
					}
				}
				if (!run.isAlive()) {
					fail("the run ended before its status showed what was awaited; stdout: " + run.stdout()
							+ "\nstderr: " + run.stderr());
				}
				WatchKey key = watcher.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (key == null) {
					fail("no such status within " + LIMIT + "; stdout: " + run.stdout());
				}
				key.pollEvents();
				key.reset();
			}
		}
	}

}
