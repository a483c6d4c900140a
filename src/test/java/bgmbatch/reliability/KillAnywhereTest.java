package bgmbatch.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.Orphans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guarantee 1, local engine: a job killed with SIGKILL at random moments, and rerun after
 * each kill, ends with every item delivered exactly once, valid, with nothing half-made
 * left and a job database that opens cleanly.
 * <p>
 * The kill moments come from a seeded generator; the seed is printed, and
 * {@code -Dbgm.kill.seed=N} replays a failing sequence.
 */
class KillAnywhereTest {

	private static final int ITEMS = 8;

	private static final int KILLS = 10;

	private static final double SECONDS = 1.0;

	private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

	@RegisterExtension
	final Orphans orphans = new Orphans();

	@TempDir
	Path dir;

	@Test
	void jobKilledAtRandomMomentsEndsWithEveryItemDeliveredExactlyOnce() throws Exception {
		long seed = Long.getLong("bgm.kill.seed", System.nanoTime());
		System.out.println("KillAnywhereTest seed " + seed + " (replay with -Dbgm.kill.seed=" + seed + ")");
		Random random = new Random(seed);
		Path clip = Clips.video(this.dir.resolve("source.mp4"), SECONDS, true);

		// a clean run of the same job measures how long startup and work take here
		Job measured = job("measured", clip);
		KillSchedule schedule = KillSchedule.measuring(measured.start(), random, RUN_LIMIT);

		Job job = job("killed", clip);
		try {
			killRerunAndCheck(job, schedule);
		}
		catch (AssertionError | RuntimeException ex) {
			// the children's log says what they were doing; the temporary folder is gone after the test
			Path log = job.state().resolve("logs").resolve("bgm-batch.log");
			if (Files.exists(log)) {
				List<String> lines = Files.readAllLines(log);
				System.out.println("last lines of " + log + ":\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 300), lines.size())));
			}
			throw ex;
		}
	}

	private void killRerunAndCheck(Job job, KillSchedule schedule) throws Exception {
		Map<String, Object> firstSeen = new HashMap<>();
		int runs = schedule.run(job::start, KILLS, this.orphans,
				(run) -> {
					try {
						checkVisibleOutputs(job, firstSeen);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});

		// the kill sequence may itself have finished the job; this run completes whatever is left
		ChildJvm last = job.start();
		assertThat(last.awaitExit(RUN_LIMIT)).as("last run: %s%n%s", last.stdout(), last.stderr()).isZero();
		// processes a kill left running end on their own (ffmpeg on a one-second clip); the check waits for them
		this.orphans.awaitExit(Duration.ofMinutes(1));
		checkVisibleOutputs(job, firstSeen);

		ChildJvm again = job.start();
		assertThat(again.awaitExit(RUN_LIMIT)).isZero();
		assertThat(again.stdout()).contains("Nothing to do: " + ITEMS + " delivered");

		Set<String> expected = IntStream.range(0, ITEMS)
			.mapToObj((i) -> "out-" + i + ".mp4")
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> listing = listing(job.output());
		assertThat(listing).contains("report.csv", "report.json");
		// the reports (csv, json, html...) are the only other files: no part or temp files
		listing.removeIf((name) -> name.startsWith("report.") && !name.endsWith(".part"));
		assertThat(listing).as("output folder: no part or temp files").isEqualTo(expected);
		for (int i = 0; i < ITEMS; i++) {
			Clips.assertValidOutput(job.output().resolve("out-" + i + ".mp4"), SECONDS);
		}
		assertThat(firstSeen).as("each output written once: the file seen first is the file at the end")
			.isEqualTo(Clips.outputs(job.output()));
		assertThat(StateDatabase.countBy(job.state(), job.manifest(),
				"SELECT STATUS, COUNT(*) FROM BGM_ITEM GROUP BY STATUS"))
			.isEqualTo(Map.of("DELIVERED", ITEMS));
		assertThat(StateDatabase.countBy(job.state(), job.manifest(),
				"SELECT STATUS, COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING') GROUP BY STATUS"))
			.as("no execution left running").isEmpty();
		System.out.printf("%d kills in %d runs%n", KILLS, runs);
	}

	/**
	 * Whatever is visible as an output at any moment must be a finished, valid file, and
	 * once seen it must stay the same file (same inode): a second delivery would replace it.
	 */
	private void checkVisibleOutputs(Job job, Map<String, Object> firstSeen) throws IOException {
		Map<String, Object> now = Clips.outputs(job.output());
		for (Map.Entry<String, Object> output : now.entrySet()) {
			Object earlier = firstSeen.putIfAbsent(output.getKey(), output.getValue());
			if (earlier == null) {
				Clips.assertValidOutput(job.output().resolve(output.getKey()), SECONDS);
			}
			else {
				assertThat(output.getValue()).as("%s delivered again", output.getKey()).isEqualTo(earlier);
			}
		}
	}

	private static Set<String> listing(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((f) -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private Job job(String name, Path clip) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve(name));
		Path manifest = Clips.manifest(folder, clip, ITEMS, "add calm music at 30%");
		return new Job(folder, manifest, folder.resolve("out"), folder.resolve("state"));
	}

	private record Job(Path folder, Path manifest, Path output, Path state) {

		ChildJvm start() {
			return ChildJvm.start(this.folder, "manifest=" + this.manifest, "output=" + this.output,
					"state-dir=" + this.state, "concurrency=2");
		}

	}

}
