package bgmbatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.Stage;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.support.RecordingEngine;
import bgmbatch.support.RunHarness;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.repository.JobRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart semantics: every item resumes at its last committed stage, delivered work is never redone. */
class RestartTest {

	@TempDir
	static Path clips;

	@TempDir
	Path work;

	@BeforeAll
	static void makeClips() {
		for (String name : List.of("a", "b", "c")) {
			Clips.video(clips.resolve(name + ".mp4"), 2, !name.equals("c"));
		}
	}

	@Test
	void failedStageResumesAtThatStageWithoutTouchingOtherItems() throws Exception {
		Path manifest = manifest("a", "b", "c");
		RecordingEngine first = new RecordingEngine().failOnce("b", Stage.EXPORT);

		assertThat(harness(first).run(manifest)).isEqualTo(ExitCode.FAILED);
		Map<String, LedgerItem> ledger = ledger(manifest);
		assertThat(ledger.get("b").status()).isEqualTo(ItemStatus.FAILED);
		assertThat(ledger.get("b").stage()).isEqualTo(Stage.EXPORT);
		assertThat(ledger.get("b").lastError()).contains("injected failure at export");
		assertThat(ledger.get("a").status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(ledger.get("c").status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(this.work.resolve("out/b.mp4")).doesNotExist();

		RecordingEngine engine = new RecordingEngine();
		assertThat(harness(engine).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(engine.calls("b", Stage.UPLOAD)).isZero();
		assertThat(engine.calls("b", Stage.EDIT)).isZero();
		assertThat(engine.calls("b", Stage.VERIFY)).isZero();
		assertThat(engine.calls("b", Stage.EXPORT)).isEqualTo(1);
		assertThat(engine.calls("b", Stage.DOWNLOAD)).isEqualTo(1);
		assertThat(engine.totalCalls()).as("items a and c untouched").isEqualTo(2);
		assertThat(this.work.resolve("out/b.mp4")).exists();
		assertThat(ledger(manifest).get("b").attempts()).isEqualTo(1);
	}

	@Test
	void jobInstanceAKillLeftWithoutAnExecutionIsPassedOver() throws Exception {
		Path manifest = manifest("a");
		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.OK);
		// Spring Batch 6 creates an instance and its first execution in two transactions: a kill between them
		harness(new RecordingEngine()).inContext(manifest, (context) -> {
			JobRepository repository = context.getBean(JobRepository.class);
			JobParams last = JobParams.of(repository.getLastJobExecution(repository.getLastJobInstance(JobRunner.JOB_NAME))
				.getJobParameters());
			repository.createJobInstance(JobRunner.JOB_NAME, new JobParams(last.manifest(), last.sha256(),
					last.generation() + 1, last.output(), last.engine(), last.bucket()).toJobParameters());
		});

		RecordingEngine again = new RecordingEngine();
		assertThat(harness(again).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(again.totalCalls()).isZero();
	}

	@Test
	void rerunAfterSuccessDoesNothing() throws Exception {
		Path manifest = manifest("a", "c");
		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.OK);
		Path output = this.work.resolve("out/a.mp4");
		FileTime delivered = Files.getLastModifiedTime(output);

		RecordingEngine again = new RecordingEngine();
		assertThat(harness(again).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(again.totalCalls()).isZero();
		assertThat(Files.getLastModifiedTime(output)).isEqualTo(delivered);
	}

	@Test
	void reportFilesAKillLeftHalfWrittenAreRemovedEvenWhenThereIsNothingToDo() throws Exception {
		Path manifest = manifest("a");
		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.OK);
		// what a kill -9 while the last run wrote its reports leaves behind
		List<Path> parts = List.of(this.work.resolve("out/.report.html.part"), this.work.resolve("out/.report.csv.part"),
				this.work.resolve("out/.report.json.part"));
		for (Path part : parts) {
			Files.writeString(part, "<html><body>half a pa");
		}

		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(parts).allMatch(Files::notExists);
		assertThat(this.work.resolve("out/a.mp4")).exists();
	}

	@Test
	void forceRedoesEveryItem() throws Exception {
		Path manifest = manifest("a", "c");
		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.OK);

		RecordingEngine forced = new RecordingEngine();
		assertThat(harness(forced).run(manifest, "force=true")).isEqualTo(ExitCode.OK);
		for (String id : List.of("a", "c")) {
			for (Stage stage : List.of(Stage.UPLOAD, Stage.EDIT, Stage.VERIFY, Stage.EXPORT, Stage.DOWNLOAD)) {
				assertThat(forced.calls(id, stage)).as("%s %s", id, stage).isEqualTo(1);
			}
		}
		RecordingEngine after = new RecordingEngine();
		assertThat(harness(after).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(after.totalCalls()).as("a forced run that finished is itself finished").isZero();
	}

	@Test
	void missingOutputIsMadeAgainFromTheCheapestStage() throws Exception {
		Path manifest = manifest("a", "c");
		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.OK);
		Files.delete(this.work.resolve("out/c.mp4"));

		RecordingEngine again = new RecordingEngine();
		assertThat(harness(again).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(again.calls("c", Stage.EXPORT)).isEqualTo(1);
		assertThat(again.calls("c", Stage.DOWNLOAD)).isEqualTo(1);
		assertThat(again.totalCalls()).isEqualTo(2);
		assertThat(this.work.resolve("out/c.mp4")).exists();
	}

	@Test
	void transientFailureIsRetriedWithinTheRun() throws Exception {
		Path manifest = manifest("a");
		RecordingEngine engine = new RecordingEngine().failOnce("a", Stage.UPLOAD,
				() -> new TransientEngineException("connection reset"));
		assertThat(harness(engine).run(manifest, "item-retries=1")).isEqualTo(ExitCode.OK);
		assertThat(engine.calls("a", Stage.UPLOAD)).isEqualTo(2);
	}

	@Test
	void haltStopsTheJobWithItsOwnExitCodeAndARestartContinues() throws Exception {
		Path manifest = manifest("a", "b", "c");
		RecordingEngine engine = new RecordingEngine().failOnce("b", Stage.EDIT,
				() -> new JobHaltException("out of credits: 60 needed, 10 available"));
		assertThat(harness(engine).run(manifest, "concurrency=1")).isEqualTo(ExitCode.HALTED);
		Map<String, LedgerItem> ledger = ledger(manifest);
		assertThat(ledger.get("b").status()).as("the item in hand waits at its stage").isEqualTo(ItemStatus.PENDING);
		assertThat(ledger.get("b").stage()).isEqualTo(Stage.EDIT);
		assertThat(Files.readString(this.work.resolve("out/report.json"))).contains("60 needed, 10 available");

		RecordingEngine resumed = new RecordingEngine();
		assertThat(harness(resumed).run(manifest, "concurrency=1")).isEqualTo(ExitCode.OK);
		assertThat(resumed.calls("b", Stage.UPLOAD)).isZero();
		assertThat(resumed.calls("b", Stage.EDIT)).isEqualTo(1);
		assertThat(ledger(manifest).values()).allMatch((item) -> item.status() == ItemStatus.DELIVERED);
	}

	@Test
	void rowLevelProblemsBecomeSkippedItemsAndTheJobGoesOn() throws Exception {
		Files.createDirectories(clips.resolve("folder.mp4"));
		Files.writeString(clips.resolve("notes.txt"), "not a video");
		Path manifest = write("video,instruction,music,id\n" + clips.resolve("a.mp4") + ",add music,,good\n"
				+ clips.resolve("gone.mp4") + ",add music,,missing\n" + clips.resolve("folder.mp4") + ",add music,,folder\n"
				+ clips.resolve("notes.txt") + ",add music,,text\n" + clips.resolve("b.mp4") + ",add music,"
				+ clips.resolve("no-such-song.mp3") + ",nomusic\n");

		RecordingEngine engine = new RecordingEngine();
		assertThat(harness(engine).run(manifest)).isEqualTo(ExitCode.SKIPPED);
		Map<String, LedgerItem> ledger = ledger(manifest);
		assertThat(ledger.get("good").status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(ledger.get("missing").lastError()).contains("does not exist");
		assertThat(ledger.get("folder").lastError()).contains("is not a file");
		assertThat(ledger.get("text").lastError()).contains("unsupported video type '.txt'");
		assertThat(ledger.get("nomusic").lastError()).contains("music file").contains("does not exist");
		assertThat(ledger.values().stream().filter((item) -> item.status() == ItemStatus.SKIPPED)).hasSize(4);
		assertThat(engine.calls("missing", Stage.UPLOAD)).isZero();
	}

	@Test
	void fileThatArrivesBetweenRunsIsDoneByThePlainRerunAndEveryRunExits3WhileOneIsStillMissing() throws Exception {
		Path late = this.work.resolve("late.mp4");
		Path later = this.work.resolve("later.mp4");
		Path manifest = write("video,instruction,id\n" + clips.resolve("a.mp4") + ",add music,a\n" + late + ",add music,late\n"
				+ later + ",add music,later\n");
		assertThat(harness(new RecordingEngine()).run(manifest)).isEqualTo(ExitCode.SKIPPED);

		RecordingEngine idle = new RecordingEngine();
		assertThat(harness(idle).run(manifest)).as("nothing new, items still skipped").isEqualTo(ExitCode.SKIPPED);
		assertThat(idle.totalCalls()).isZero();

		Files.copy(clips.resolve("b.mp4"), late);
		RecordingEngine second = new RecordingEngine();
		assertThat(harness(second).run(manifest)).isEqualTo(ExitCode.SKIPPED);
		assertThat(second.calls("late", Stage.DOWNLOAD)).isEqualTo(1);
		assertThat(second.calls("a", Stage.UPLOAD)).isZero();
		assertThat(this.work.resolve("out/late.mp4")).exists();
		assertThat(ledger(manifest).get("later").status()).isEqualTo(ItemStatus.SKIPPED);

		Files.copy(clips.resolve("c.mp4"), later);
		RecordingEngine third = new RecordingEngine();
		assertThat(harness(third).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(third.calls("later", Stage.DOWNLOAD)).isEqualTo(1);
		assertThat(third.totalCalls()).isEqualTo(5);
		assertThat(ledger(manifest).values()).allMatch((item) -> item.status() == ItemStatus.DELIVERED);
	}

	@Test
	void itemTheEngineSkippedStaysSkippedUntilItsFileChanges() throws Exception {
		Path video = Files.copy(clips.resolve("a.mp4"), this.work.resolve("v.mp4"));
		Path manifest = write("video,instruction,id\n" + video + ",add music,v\n");
		RecordingEngine refusing = new RecordingEngine().failOnce("v", Stage.UPLOAD,
				() -> new bgmbatch.engine.ItemRejectedException("not a video the engine can read"));
		assertThat(harness(refusing).run(manifest)).isEqualTo(ExitCode.SKIPPED);

		RecordingEngine same = new RecordingEngine();
		assertThat(harness(same).run(manifest)).isEqualTo(ExitCode.SKIPPED);
		assertThat(same.totalCalls()).as("the very file the engine refused is not sent again").isZero();

		Files.copy(clips.resolve("c.mp4"), video, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		RecordingEngine replaced = new RecordingEngine();
		assertThat(harness(replaced).run(manifest)).isEqualTo(ExitCode.OK);
		assertThat(replaced.calls("v", Stage.UPLOAD)).isEqualTo(1);
	}

	@Test
	void dryRunChecksEveryFileAndExits3WhenRowsWouldBeSkipped() throws Exception {
		Path junk = Files.writeString(this.work.resolve("junk.mp4"), "not a video at all");
		Path manifest = write("video,instruction,id\n" + clips.resolve("a.mp4") + ",add music,a\n"
				+ this.work.resolve("gone.mp4") + ",add music,gone\n" + junk + ",add music,junk\n");

		RecordingEngine engine = new RecordingEngine();
		assertThat(harness(engine).run(manifest, "dry-run=true")).isEqualTo(ExitCode.SKIPPED);
		assertThat(engine.totalCalls()).isZero();
		assertThat(ledger(manifest)).isEmpty();

		Path good = write("video,instruction,id\n" + clips.resolve("a.mp4") + ",add music,a\n");
		assertThat(harness(new RecordingEngine()).run(good, "dry-run=true")).isEqualTo(ExitCode.OK);
	}

	private RunHarness harness(RecordingEngine engine) {
		return new RunHarness(this.work.resolve("state"), this.work.resolve("out")).decorateEngine(engine::wrapping);
	}

	private Map<String, LedgerItem> ledger(Path manifest) {
		return new RunHarness(this.work.resolve("state"), this.work.resolve("out")).ledger(manifest).stream().collect(Collectors.toMap(LedgerItem::id, (item) -> item));
	}

	private Path manifest(String... ids) throws IOException {
		StringBuilder csv = new StringBuilder("video,instruction,id\n");
		for (String id : ids) {
			csv.append(clips.resolve(id + ".mp4")).append(",add upbeat music and fade it out at the end,").append(id).append('\n');
		}
		return write(csv.toString());
	}

	private Path write(String content) throws IOException {
		Path manifest = this.work.resolve("videos.csv");
		Files.writeString(manifest, content);
		return manifest;
	}

}
