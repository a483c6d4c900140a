package bgmbatch.metrics;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MetricsExportTest {

	private static final RunMetrics NIGHT = new RunMetrics("/srv/bgm/videos.csv", "local", 22, 2, 1, 61.5, 1320.25, 40,
			1, Instant.parse("2026-11-28T02:00:00Z"));

	@TempDir
	Path dir;

	private final List<String> warnings = new ArrayList<>();

	@Test
	void metricsFileParsesWithPrometheusParserAndCarriesEveryNumberOfTheRun() throws Exception {
		Path file = this.dir.resolve("textfile/bgm-batch.prom");

		new MetricsExport(file, null, this.warnings::add).publish(NIGHT);

		List<PrometheusText.Sample> samples = PrometheusText.parse(Files.readString(file));
		assertThat(samples).extracting(PrometheusText.Sample::name, (s) -> s.labels().get("state"),
				PrometheusText.Sample::value)
			.contains(tuple("bgm_items", "delivered", 22.0), tuple("bgm_items", "skipped", 2.0),
					tuple("bgm_items", "failed", 1.0), tuple("bgm_job_duration_seconds", null, 61.5),
					tuple("bgm_media_duration_seconds", null, 1320.25), tuple("bgm_credits_spent", null, 40.0),
					tuple("bgm_exit_code", null, 1.0),
					tuple("bgm_last_success_timestamp_seconds", null, (double) NIGHT.lastSuccess().getEpochSecond()));
		assertThat(samples).allMatch((s) -> "gauge".equals(s.type()))
			.allMatch((s) -> NIGHT.manifest().equals(s.labels().get("manifest")) && "local".equals(s.labels().get("engine")));
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertThat(files).as("written whole and renamed into place: nothing else left beside it").containsExactly(file);
		}
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void aJobThatNeverSucceededHasNoLastSuccessTime() throws Exception {
		Path file = this.dir.resolve("bgm-batch.prom");
		RunMetrics first = new RunMetrics("/srv/bgm/videos.csv", "nemo", 0, 0, 3, 5, 0, 0, 1, null);

		new MetricsExport(file, null, this.warnings::add).publish(first);

		assertThat(PrometheusText.parse(Files.readString(file))).extracting(PrometheusText.Sample::name)
			.contains("bgm_exit_code")
			.doesNotContain("bgm_last_success_timestamp_seconds");
	}

	@Test
	void metricsArePushedToThePushgatewayUnderTheJobAndTheManifest() throws Exception {
		try (MockWebServer gateway = new MockWebServer()) {
			gateway.enqueue(new MockResponse.Builder().code(200).build());
			gateway.start(InetAddress.getByName("127.0.0.1"), 0);

			new MetricsExport(null, URI.create("http://127.0.0.1:" + gateway.getPort()), this.warnings::add)
				.publish(NIGHT);

			RecordedRequest push = gateway.takeRequest(30, TimeUnit.SECONDS);
			assertThat(push).as("the Pushgateway got nothing").isNotNull();
			assertThat(push.getMethod()).isEqualTo("PUT");
			assertThat(push.getUrl().encodedPath()).startsWith("/metrics/job/bgm_batch/manifest");
			assertThat(PrometheusText.parse(push.getBody().utf8())).extracting(PrometheusText.Sample::name)
				.contains("bgm_items", "bgm_exit_code", "bgm_credits_spent");
			assertThat(this.warnings).isEmpty();
		}
	}

	@Test
	void aFailedPushIsAWarningWithoutTheAddressesSecret() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closedPort = socket.getLocalPort();
		}
		Path file = this.dir.resolve("bgm-batch.prom");

		new MetricsExport(file, URI.create("http://ops:hunter2@127.0.0.1:" + closedPort), this.warnings::add)
			.publish(NIGHT);

		assertThat(this.warnings).singleElement()
			.asString()
			.startsWith("warning: cannot push the metrics to http://127.0.0.1:" + closedPort)
			.endsWith("the run's outcome is unchanged.")
			.doesNotContain("hunter2");
		assertThat(file).as("the file is written all the same").isRegularFile();
	}

}
