package bgmbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.manifest.ManifestSource;
import bgmbatch.media.MediaInfo;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sample manifest end to end on the local engine, launched through spring-batch-test. */
@SpringBootTest
@SpringBatchTest
class SampleJobTest {

	static final Path SAMPLES = Path.of("samples/videos.csv").toAbsolutePath();

	@TempDir
	static Path work;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("bgm.manifest", SAMPLES::toString);
		registry.add("bgm.state-dir", () -> work.resolve("state").toString());
		registry.add("bgm.concurrency", () -> "2");
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Test
	void samplesAreDeliveredWithCopiedVideoAndBothStreamsAndReported() throws Exception {
		Path output = work.resolve("out");
		ManifestSource source = ManifestSource.of(SAMPLES);
		JobExecution execution = this.jobs
			.startJob(new JobParams(source.path(), source.sha256(), 1, output, "local", null).toJobParameters());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(writeCount(execution, "prepare")).isEqualTo(4);
		// one chunk per stage of each item: 3 delivered items x 5 stages, over the workers
		assertThat(writeCount(execution, "work")).isEqualTo(15);

		for (String[] pair : List.of(new String[] { "clips/street.mp4", "street-upbeat.mp4" },
				new String[] { "clips/bars.mov", "bars-piano.mp4" }, new String[] { "clips/silent.mp4", "silent.mp4" })) {
			Path input = SAMPLES.resolveSibling(pair[0]);
			Path delivered = output.resolve(pair[1]);
			MediaInfo info = Clips.probe(delivered);
			assertThat(info.videoStreams()).hasSize(1);
			assertThat(info.audioStreams()).hasSize(1);
			assertThat(info.durationSeconds()).isCloseTo(Clips.probe(input).durationSeconds(),
					org.assertj.core.data.Offset.offset(0.5));
			assertThat(Clips.videoHash(delivered)).as("video of %s copied bit for bit", pair[1])
				.isEqualTo(Clips.videoHash(input));
		}
		assertThat(output.resolve("missing.mp4")).doesNotExist();
		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map((p) -> p.getFileName().toString())).noneMatch((name) -> name.endsWith(".part"));
		}

		JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());
		assertThat(report.at("/totals/delivered").asInt()).isEqualTo(3);
		assertThat(report.at("/totals/skipped").asInt()).isEqualTo(1);
		JsonNode missing = item(report, "missing");
		assertThat(missing.get("result").asText()).isEqualTo("skipped");
		assertThat(missing.get("reason").asText()).contains("does not exist");
		assertThat(item(report, "bars").get("plan").asText()).contains("piano-loop.m4a").contains("volume=25%");
		assertThat(item(report, "street").get("plan").asText()).contains("fade-out=3");
		assertThat(item(report, "street").get("targetLufs").asDouble()).isEqualTo(-14);
		assertThat(item(report, "street").get("integratedLufs").asDouble()).isCloseTo(-14, within(0.5));
		assertThat(item(report, "street").get("truePeakDbtp").asDouble()).isLessThanOrEqualTo(-1);
		assertThat(item(report, "street").has("loudnessRangeLu")).isTrue();
		assertThat(Files.readAllLines(output.resolve("report.csv")))
			.first().asString().startsWith("id,line,video,instruction")
			.endsWith("target_lufs,integrated_lufs,true_peak_dbtp,loudness_range_lu");
		assertThat(Files.readAllLines(output.resolve("report.csv"))).hasSize(5);
	}

	private static JsonNode item(JsonNode report, String id) {
		for (JsonNode item : report.get("items")) {
			if (item.get("id").asText().equals(id)) {
				return item;
			}
		}
		throw new AssertionError("no item " + id + " in the report");
	}

	/** (Not a method returning StepExecution: spring-batch-test would take it for a step-scope factory.) */
	private static long writeCount(JobExecution execution, String name) {
		return execution.getStepExecutions().stream()
			.filter((step) -> step.getStepName().equals(name))
			.mapToLong(StepExecution::getWriteCount)
			.sum();
	}

}
