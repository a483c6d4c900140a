package bgmbatch.metrics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import bgmbatch.BgmBatchApplication;
import bgmbatch.cli.Cli;
import bgmbatch.support.Clips;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A real run on the local engine with both exports on, the Pushgateway refusing the push. */
class MetricsAtTheEndOfARunTest {

	@TempDir
	Path dir;

	@Test
	void aRunWritesItsMetricsFileAndAFailedPushLeavesItsExitCodeAlone() throws Exception {
		Clips.video(this.dir.resolve("a.mp4"), 1.5, true);
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"), """
				video,instruction,id
				a.mp4,add calm background music,a
				missing.mp4,add calm background music,missing
				""");
		Path metrics = this.dir.resolve("textfile/bgm-batch.prom");
		try (MockWebServer gateway = new MockWebServer()) {
			gateway.enqueue(new MockResponse.Builder().code(500).body("storage full").build());
			gateway.start(InetAddress.getByName("127.0.0.1"), 0);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
			PrintStream stdout = System.out;
			System.setOut(console);
			int code;
			try {
				code = new Cli(console, console, BgmBatchApplication::application).run(new String[] { "manifest=" + manifest,
						"output=" + this.dir.resolve("out"), "state-dir=" + this.dir.resolve("state"), "quiet=true",
						"metrics-file=" + metrics, "metrics-push=http://127.0.0.1:" + gateway.getPort() });
			}
			finally {
				System.setOut(stdout);
			}
			String text = out.toString(StandardCharsets.UTF_8);

			assertThat(code).as(text).isEqualTo(3);
			RecordedRequest push = gateway.takeRequest(30, TimeUnit.SECONDS);
			assertThat(push).as("the push was tried").isNotNull();
			assertThat(text).contains("warning: cannot push the metrics to http://127.0.0.1:" + gateway.getPort());
		}
		List<PrometheusText.Sample> samples = PrometheusText.parse(Files.readString(metrics));
		assertThat(samples).extracting(PrometheusText.Sample::name, (s) -> s.labels().get("state"),
				PrometheusText.Sample::value)
			.contains(tuple("bgm_items", "delivered", 1.0), tuple("bgm_items", "skipped", 1.0),
					tuple("bgm_items", "failed", 0.0), tuple("bgm_exit_code", null, 3.0));
		assertThat(samples).filteredOn((s) -> s.name().equals("bgm_media_duration_seconds"))
			.singleElement()
			.satisfies((s) -> assertThat(s.value()).isBetween(1.4, 1.6));
		assertThat(samples).extracting(PrometheusText.Sample::name)
			.contains("bgm_job_duration_seconds", "bgm_last_success_timestamp_seconds", "bgm_credits_spent");
	}

}
