package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.nemo.NemoProperties;
import bgmbatch.engine.nemo.client.NemoApiException;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.engine.nemo.client.RenderStatus;
import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.engine.nemo.fake.RecordedCall;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guarantee 6: the network fails in every way the fake can make it, and each call ends:
 * retried a bounded number of times, then a failure that says what could not be done.
 * (Single faults that recover are in NemoClientTest; these are the ones that do not.)
 */
class NetworkFaultsTest {

	private static final int MAX_RETRIES = 2;

	@TempDir
	static Path shared;

	private static Path clip;

	@TempDir
	Path dir;

	private FakeNemoServer fake;

	private NemoClient client;

	@BeforeAll
	static void clip() {
		clip = Clips.video(shared.resolve("clip.mp4"), 1, true);
	}

	@BeforeEach
	void start() throws IOException {
		this.fake = new FakeNemoServer(Files.createDirectories(this.dir.resolve("fake")));
		this.client = new NemoClient(properties(this.fake.url(), Duration.ofMillis(500)).client(), this.dir.resolve("state"));
		this.client.ensureToken();
	}

	@AfterEach
	void stop() throws IOException {
		this.fake.close();
	}

	@Test
	void connectionResetOnEveryAttemptEndsInAClearFailureAfterBoundedRetries() {
		this.fake.connectionResets.set(100);

		assertThatThrownBy(this.client::availableCredits).isInstanceOf(NemoApiException.class)
			.satisfies((ex) -> assertThat(((NemoApiException) ex).kind()).isEqualTo(NemoApiException.Kind.GAVE_UP))
			.hasMessageStartingWith("could not ")
			.hasMessageContaining("after " + (MAX_RETRIES + 1) + " attempts");
		assertThat(this.fake.calls("GET", "/api/credits")).hasSize(MAX_RETRIES + 1);
	}

	@Test
	void serverThatNeverAnswersInTimeEndsInAClearFailureAfterBoundedRetries() {
		this.fake.latencyMillis = 2000;
		this.fake.slowAnswers.set(100);

		assertThatThrownBy(this.client::availableCredits).isInstanceOf(NemoApiException.class)
			.satisfies((ex) -> assertThat(((NemoApiException) ex).kind()).isEqualTo(NemoApiException.Kind.GAVE_UP))
			.hasMessageContaining("after " + (MAX_RETRIES + 1) + " attempts")
			.hasMessageContaining("timeout");
	}

	@Test
	void downloadThatTricklesOnEveryAttemptEndsInAClearFailureInsteadOfHanging() throws IOException {
		RenderStatus render = finishedRender();
		this.fake.tricklingDownloads.set(100);
		Path part = this.dir.resolve("out.mp4.part");

		assertThatThrownBy(() -> this.client.download(render, part)).isInstanceOf(NemoApiException.class)
			.satisfies((ex) -> assertThat(((NemoApiException) ex).kind()).isEqualTo(NemoApiException.Kind.GAVE_UP))
			.hasMessageContaining("could not download the render after " + (MAX_RETRIES + 1) + " attempts")
			.hasMessageContaining("trickles");
		List<RecordedCall> downloads = this.fake.calls("GET", "/files/");
		assertThat(downloads).hasSize(MAX_RETRIES + 1);
		assertThat(downloads.subList(1, downloads.size()))
			.as("every retry resumes where the last attempt stopped")
			.allSatisfy((call) -> assertThat(call.headers().get("Range")).matches("bytes=[1-9][0-9]*-"));
	}

	@Test
	void downloadThatTricklesOnceIsResumedAndCompleted() throws IOException {
		RenderStatus render = finishedRender();
		this.fake.tricklingDownloads.set(1);
		Path part = this.dir.resolve("out.mp4.part");

		this.client.download(render, part);

		assertThat(Files.readAllBytes(part)).isEqualTo(Files.readAllBytes(this.dir.resolve("fake/render_a.mp4")));
		assertThat(this.fake.calls("GET", "/files/")).hasSize(2);
	}

	/**
	 * A render the fake has finished, made through a patient client: the fake runs ffmpeg
	 * inside the status call that completes a render, which a loaded machine can make last
	 * longer than this test's 500 ms read timeout. The download under test is this.client's.
	 */
	private RenderStatus finishedRender() {
		NemoClient patient = new NemoClient(properties(this.fake.url(), Duration.ofSeconds(30)).client(),
				this.dir.resolve("setup-state"));
		String session = patient.createSession();
		patient.upload(session, clip);
		patient.edit(session, "add music", () -> {
		}, (text) -> {
		});
		patient.submitRender("render_a", session, patient.state(session));
		// the fake completes a render after a fixed number of polls: this loop ends
		RenderStatus status;
		do {
			status = patient.render("render_a").orElseThrow();
		}
		while (!status.completed());
		return status;
	}

	private static NemoProperties properties(String baseUrl, Duration readTimeout) {
		return NemoProperties.of(Map.ofEntries(Map.entry("base-url", baseUrl), Map.entry("skill-version", "test"),
				Map.entry("poll-interval", "5ms"), Map.entry("sse-drop-wait", "5ms"), Map.entry("state-polls", "3"),
				Map.entry("credit-margin", "0"), Map.entry("max429-retries", "3"), Map.entry("default-retry-after", "20ms"),
				Map.entry("max-retry-after", "2s"), Map.entry("max-retries", Integer.toString(MAX_RETRIES)),
				Map.entry("backoff-initial", "5ms"), Map.entry("backoff-max", "20ms"), Map.entry("connect-timeout", "5s"),
				Map.entry("read-timeout", readTimeout.toMillis() + "ms"), Map.entry("call-timeout", "30s"),
				Map.entry("edit-timeout", "30s")));
	}

}
