package bgmbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.Stage;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;
import bgmbatch.support.RecordingEngine;
import bgmbatch.support.RunHarness;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers pull items as they become free: while one long item renders, the other worker
 * takes every short item through all its stages, instead of waiting at a stage boundary
 * or for a share of the items fixed in advance. Read from the ledger's stage log.
 */
class WorkersPullTest {

	private static final List<String> SHORT = List.of("s1", "s2", "s3", "s4", "s5");

	@TempDir
	Path work;

	@Test
	void whileOneLongItemRendersTheOtherWorkerTakesEveryShortItemThroughAllItsStages() throws Exception {
		Path clip = Clips.video(this.work.resolve("clip.mp4"), 1, true);
		StringBuilder csv = new StringBuilder("video,instruction,output,id\n");
		for (String id : concat("long", SHORT)) {
			csv.append(clip).append(",add calm music,").append(id).append(".mp4,").append(id).append('\n');
		}
		Path manifest = Files.writeString(this.work.resolve("videos.csv"), csv);
		// the long item's render lasts until every short item has been delivered (or a minute, on a job that cannot)
		CountDownLatch shortOnesDone = new CountDownLatch(SHORT.size());
		RecordingEngine engine = new RecordingEngine().before("long", Stage.EXPORT, () -> await(shortOnesDone))
			.after(Stage.DOWNLOAD, (item) -> {
				if (SHORT.contains(item.id())) {
					shortOnesDone.countDown();
				}
			});
		RunHarness harness = new RunHarness(this.work.resolve("state"), this.work.resolve("out"))
			.decorateEngine(engine::wrapping);

		assertThat(harness.run(manifest, "concurrency=2")).isEqualTo(ExitCode.OK);

		Map<String, LedgerItem> ledger = harness.ledger(manifest)
			.stream()
			.collect(Collectors.toMap(LedgerItem::id, (item) -> item));
		StageRun longRender = run(ledger.get("long"), Stage.EXPORT);
		for (String id : SHORT) {
			List<StageRun> runs = ledger.get(id).stageLog();
			assertThat(runs).extracting(StageRun::stage)
				.containsExactly(Stage.UPLOAD, Stage.EDIT, Stage.VERIFY, Stage.EXPORT, Stage.DOWNLOAD);
			assertThat(runs).as("%s on the other worker", id)
				.allSatisfy((run) -> assertThat(run.worker()).isNotEqualTo(longRender.worker()));
			Instant delivering = run(ledger.get(id), Stage.DOWNLOAD).started();
			assertThat(delivering).as("%s delivered while the long item rendered", id)
				.isBefore(longRender.finished());
		}
		assertThat(ledger.get("long").stageLog()).as("the long item stayed with its worker")
			.allSatisfy((run) -> assertThat(run.worker()).isEqualTo(longRender.worker()));
	}

	private static StageRun run(LedgerItem item, Stage stage) {
		return item.stageLog().stream().filter((run) -> run.stage() == stage).findFirst().orElseThrow();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> concat(String first, List<String> rest) {
		return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
	}

}
