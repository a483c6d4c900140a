package bgmbatch.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** jobs/bgm-batch-notify.sh: the summary reaches a person only when the night went wrong. */
class NotifyWrapperTest {

	private static final Path WRAPPER = Path.of("jobs/bgm-batch-notify.sh").toAbsolutePath();

	@TempDir
	Path dir;

	@Test
	void postsOnlyTheSummaryAndOnlyOnNonZeroExitPassingTheExitCodeOn() throws Exception {
		Path fakeJob = this.dir.resolve("fake-batch.sh");
		Files.writeString(fakeJob, """
				#!/usr/bin/env bash
				echo "02:30:01 [0/2] street: uploading"
				echo "02:30:05 [2/2] bars: skipped at upload: the video \\"bars.mov\\" does not exist"
				echo
				echo "Job finished."
				echo "  1 delivered, 1 skipped, 0 failed (of 2)"
				echo "  settings: $*"
				exit "$FAKE_EXIT"
				""");
		Files.setPosixFilePermissions(fakeJob, PosixFilePermissions.fromString("rwx------"));
		try (MockWebServer webhook = new MockWebServer()) {
			webhook.enqueue(new MockResponse.Builder().code(200).build());
			webhook.start(0);

			Process clean = run(fakeJob, webhook, 0);
			Process skipped = run(fakeJob, webhook, 3);

			assertThat(clean.exitValue()).isZero();
			assertThat(skipped.exitValue()).isEqualTo(3);
			RecordedRequest request = webhook.takeRequest(30, TimeUnit.SECONDS);
			assertThat(request).isNotNull();
			assertThat(webhook.getRequestCount()).as("the clean run posted nothing").isEqualTo(1);
			String text = new ObjectMapper().readTree(request.getBody().utf8()).path("text").asText();
			assertThat(text).startsWith("bgm-batch on ")
				.contains("exit 3", "Job finished.", "1 delivered, 1 skipped", "manifest=videos.csv")
				.doesNotContain("uploading");
		}
	}

	private Process run(Path fakeJob, MockWebServer webhook, int exit) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", WRAPPER.toString(), "manifest=videos.csv")
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("wrapper-" + exit + ".log").toFile());
		builder.environment().put("BGM_BATCH_CMD", fakeJob.toString());
		builder.environment().put("BGM_NOTIFY_WEBHOOK", webhook.url("/hook").toString());
		builder.environment().put("FAKE_EXIT", Integer.toString(exit));
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String log = Files.readString(this.dir.resolve("wrapper-" + exit + ".log"), StandardCharsets.UTF_8);
		assertThat(log).as("the full output still reaches the log").contains("street: uploading");
		return process;
	}

}
