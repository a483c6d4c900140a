package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.nemo.client.Draft;
import bgmbatch.engine.nemo.client.EditStream;
import bgmbatch.engine.nemo.client.NemoApiException;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.engine.nemo.client.NemoClientSettings;
import bgmbatch.engine.nemo.client.RenderStatus;
import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.engine.nemo.fake.RecordedCall;
import bgmbatch.support.Clips;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against the fake: one test per row of the contract's error table, per event shape, per download path.
 * The client throws only {@link NemoApiException}; where a row of the table is a job policy (stop, skip, fail),
 * the test reads the failure the way the engine does ({@link NemoFailures}).
 */
class NemoClientTest {

	@TempDir
	static Path shared;

	static Path clip;

	@TempDir
	Path dir;

	FakeNemoServer fake;

	NemoClient client;

	@BeforeAll
	static void makeClip() throws Exception {
		clip = Clips.video(shared.resolve("clip.mp4"), 2, false);
	}

	@BeforeEach
	void start() throws IOException {
		this.fake = new FakeNemoServer(Files.createDirectories(this.dir.resolve("fake")));
		this.client = new NemoClient(NemoTestSupport.fast(this.fake.url()).client(), this.dir.resolve("state/nemo"));
	}

	@AfterEach
	void stop() throws IOException {
		this.fake.close();
	}

	@Test
	void code0AnswersInEitherEnvelopeCarryTheirData() {
		this.fake.balance.set(321);
		assertThat(this.client.availableCredits()).isEqualTo(321);
		this.fake.successEnvelope = true;
		this.fake.balance.set(123);
		assertThat(this.client.availableCredits()).isEqualTo(123);
		assertThat(this.client.createSession()).startsWith("sess_");
	}

	@Test
	void everyCallCarriesTheAttributionHeadersAndOnlyTheTokenCallGoesWithoutAuthorization() {
		String session = this.client.createSession();
		this.client.upload(session, clip);
		this.client.state(session);
		assertThat(this.fake.calls()).hasSizeGreaterThanOrEqualTo(4).allSatisfy((call) -> {
			assertThat(call.headers().get("X-Skill-Source")).isEqualTo("add-background-music");
			assertThat(call.headers().get("X-Skill-Version")).isEqualTo("test");
			assertThat(call.headers().get("X-Skill-Platform")).isEqualTo("unknown");
			assertThat(call.headers().get("Authorization") == null)
				.isEqualTo(call.path().equals("/api/auth/anonymous-token"));
		});
	}

	@Test
	void code1001GetsOneFreshTokenAndRepeatsTheCall() {
		this.client.availableCredits();
		this.fake.expireTokens();
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(this.fake.tokensIssued()).isEqualTo(2);
		assertThat(this.fake.calls("GET", "/api/credits").stream().map(RecordedCall::status))
			.containsExactly(200, 401, 200);
	}

	@Test
	void theTokenAndClientIdAreKeptOwnerOnlyAndReusedAcrossRuns() throws IOException {
		this.client.availableCredits();
		NemoClient nextRun = new NemoClient(NemoTestSupport.fast(this.fake.url()).client(), this.dir.resolve("state/nemo"));
		nextRun.availableCredits();
		assertThat(this.fake.tokensIssued()).isEqualTo(1);
		Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(Files.getPosixFilePermissions(this.dir.resolve("state/nemo/token"))).isEqualTo(ownerOnly);
		assertThat(Files.getPosixFilePermissions(this.dir.resolve("state/nemo/client-id"))).isEqualTo(ownerOnly);
	}

	@Test
	void aTokenFromTheEnvironmentWinsAndNoAnonymousTokenIsAskedFor() {
		this.fake.userToken = "nmv_usr_given";
		NemoClientSettings withToken = NemoTestSupport.fast(this.fake.url()).client().withToken("nmv_usr_given");
		NemoClient given = new NemoClient(withToken, this.dir.resolve("given"));
		assertThat(given.availableCredits()).isEqualTo(1000);
		assertThat(this.fake.tokensIssued()).isZero();
		assertThat(withToken.toString()).doesNotContain("nmv_usr_given");
	}

	@Test
	void code1002SaysTheSessionIsGone() {
		assertThatThrownBy(() -> this.client.upload("sess_unknown", clip)).isInstanceOf(NemoApiException.class)
			.hasMessageContaining("1002")
			.satisfies((ex) -> assertThat(((NemoApiException) ex).sessionGone()).isTrue());
	}

	@Test
	void code2001StopsTheJob() {
		this.fake.balance.set(0);
		assertThatThrownBy(engineReading(this.client::createSession)).isInstanceOf(JobHaltException.class)
			.hasMessageContaining("out of NemoVideo credits")
			.hasMessageContaining("2001");
	}

	@Test
	void code4001SkipsTheItemWithItsReason() {
		this.fake.uploadRefusal = 4001;
		String session = this.client.createSession();
		assertThatThrownBy(engineReading(() -> this.client.upload(session, clip))).isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("file type")
			.hasMessageContaining("4001");
	}

	@Test
	void code4002SkipsTheItemWithItsReason() {
		this.fake.uploadRefusal = 4002;
		String session = this.client.createSession();
		assertThatThrownBy(engineReading(() -> this.client.upload(session, clip))).isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("larger")
			.hasMessageContaining("4002");
	}

	@Test
	void http400OnTheTokenCallMakesAndKeepsANewClientIdThenRepeats() throws IOException {
		Path idFile = this.dir.resolve("state/nemo/client-id");
		Files.createDirectories(idFile.getParent());
		Files.writeString(idFile, "stale-id");
		this.fake.rejectedClientIds.add("stale-id");
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(Files.readString(idFile)).isNotBlank().isNotEqualTo("stale-id");
		assertThat(this.fake.calls("POST", "/api/auth/anonymous-token").stream().map(RecordedCall::status))
			.containsExactly(400, 200);
	}

	@Test
	void http402OnExportStopsTheJobSayingItIsThePlan() {
		this.fake.planDeniesExport = true;
		String session = this.client.createSession();
		Draft draft = this.client.state(session);
		assertThatThrownBy(engineReading(() -> this.client.submitRender("render_1", session, draft)))
			.isInstanceOf(JobHaltException.class)
			.hasMessageContaining("plan")
			.hasMessageContaining("not a lack of credits");
	}

	@Test
	void http429WaitsForRetryAfterAndThenSucceeds() {
		this.fake.rateLimited.set(2);
		this.fake.retryAfter = "0.01";
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(this.fake.calls("GET", "/api/credits").stream().map(RecordedCall::status))
			.containsExactly(429, 429, 200);
	}

	@Test
	void http429WithoutRetryAfterWaitsTheDefaultAndGivesUpAfterTheBound() {
		this.fake.retryAfter = null;
		this.fake.rateLimited.set(100);
		assertThatThrownBy(this.client::availableCredits).isInstanceOf(NemoApiException.class)
			.satisfies((ex) -> assertThat(((NemoApiException) ex).kind()).isEqualTo(NemoApiException.Kind.GAVE_UP));
		// the engine fails the item: the step's retry does not multiply the client's bound
		assertThatThrownBy(engineReading(this.client::availableCredits)).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("429");
		// the first try plus max-429-retries (3) waits, twice
		assertThat(this.fake.calls("GET", "/api/credits")).hasSize(8);
	}

	@Test
	void http5xxIsRetriedWithBackoffUpToTheBound() {
		this.fake.serverErrors.set(2);
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		this.fake.serverErrors.set(100);
		assertThatThrownBy(engineReading(this.client::availableCredits)).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("503");
		// 3 answered above, then the first try plus max-retries (2)
		assertThat(this.fake.calls("GET", "/api/credits")).hasSize(6);
	}

	@Test
	void aConnectionResetIsRetriedWithBackoff() {
		this.fake.connectionResets.set(2);
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(this.fake.calls("GET", "/api/credits").stream().map(RecordedCall::status).toList()).last()
			.isEqualTo(200);
	}

	@Test
	void aSlowAnswerTimesOutAndIsRetried() {
		NemoClientSettings impatient = NemoTestSupport.fast(this.fake.url())
			.client()
			.withReadTimeout(java.time.Duration.ofMillis(200));
		NemoClient client = new NemoClient(impatient, this.dir.resolve("impatient"));
		client.ensureToken();
		this.fake.latencyMillis = 1000;
		this.fake.slowAnswers.set(1);
		assertThat(client.availableCredits()).isEqualTo(1000);
		assertThat(this.fake.calls("GET", "/api/credits")).hasSize(2);
	}

	@Test
	void anEditRefusedForCreditsStopsTheJobWithoutAStream() {
		String session = this.client.createSession();
		this.fake.balance.set(0);
		assertThatThrownBy(engineReading(() -> this.client.edit(session, "add music", () -> {
		}, (text) -> {
		}))).isInstanceOf(JobHaltException.class).hasMessageContaining("2001");
		assertThat(this.fake.messagesTo(session)).isZero();
	}

	@Test
	void anEditAnsweredWith5xxIsNeverSentAgain() {
		String session = this.client.createSession();
		this.fake.serverErrors.set(5);
		this.fake.serverErrorPath = "/run_sse";
		EditStream stream = this.client.edit(session, "add music", () -> {
		}, (text) -> {
		});
		assertThat(stream.dropped()).isTrue();
		assertThat(this.fake.calls("POST", "/run_sse")).hasSize(1);
	}

	@Test
	void textEventsAreTheAssistantsReplies() {
		EditStream stream = edit("{\"type\":\"text\",\"content\":\"Added music.\"}");
		assertThat(stream.texts()).containsExactly("Added music.");
	}

	@Test
	void toolCallAndToolResultEventsAreCountedNotShown() {
		EditStream stream = edit("{\"type\":\"tool_call\",\"name\":\"add_bgm\"}",
				"{\"type\":\"tool_result\",\"result\":{\"ok\":true}}");
		assertThat(stream.toolEvents()).isEqualTo(2);
		assertThat(stream.texts()).isEmpty();
	}

	@Test
	void heartbeatsMeanStillWorking() {
		EditStream stream = edit("{\"type\":\"heartbeat\"}", "{\"type\":\"heartbeat\"}");
		assertThat(stream.heartbeats()).isEqualTo(2);
		assertThat(stream.dropped()).isFalse();
	}

	@Test
	void agentShapedEventsGiveTheirPartsTexts() {
		EditStream stream = edit("{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"One\"},{\"text\":\"Two\"}]}}");
		assertThat(stream.texts()).containsExactly("One", "Two");
	}

	@Test
	void unknownShapesAreIgnoredNotFatal() {
		EditStream stream = edit("{\"kind\":\"mystery\"}", "[1,2]", "not json",
				"{\"type\":\"text\",\"content\":\"still here\"}");
		assertThat(stream.ignored()).isEqualTo(3);
		assertThat(stream.texts()).containsExactly("still here");
	}

	@Test
	void emptyDataLinesMeanStillWorking() {
		EditStream stream = edit("", "", "{\"type\":\"text\",\"content\":\"ok\"}");
		assertThat(stream.dropped()).isFalse();
		assertThat(stream.texts()).containsExactly("ok");
	}

	@Test
	void aStreamClosedWithoutTextIsAnEndNotADrop() {
		EditStream stream = edit("{\"type\":\"heartbeat\"}");
		assertThat(stream.dropped()).isFalse();
		assertThat(stream.texts()).isEmpty();
	}

	@Test
	void aStreamBrokenMidwayIsReportedAsDropped() {
		this.fake.sseDrop = true;
		EditStream stream = edit("{\"type\":\"text\",\"content\":\"working on it\"}");
		assertThat(stream.dropped()).isTrue();
		assertThat(stream.texts()).containsExactly("working on it");
		assertThat(this.fake.calls("POST", "/run_sse")).hasSize(1);
	}

	@Test
	void aRenderResultAtDataOutputUrlIsDownloaded() throws IOException {
		assertDownloads(FakeNemoServer.ResultShape.DATA_OUTPUT_URL, "/files/");
	}

	@Test
	void aRenderResultAtTopLevelOutputUrlIsDownloaded() throws IOException {
		assertDownloads(FakeNemoServer.ResultShape.TOP_LEVEL_OUTPUT_URL, "/files/");
	}

	@Test
	void aRenderResultWithoutUrlIsFetchedFromTheDownloadEndpoint() throws IOException {
		assertDownloads(FakeNemoServer.ResultShape.NONE, "/api/render/proxy/");
	}

	@Test
	void aBrokenDownloadIsResumedWithARangeRequest() throws IOException {
		this.fake.truncateNextDownload.set(true);
		Path part = assertDownloads(FakeNemoServer.ResultShape.DATA_OUTPUT_URL, "/files/");
		List<RecordedCall> downloads = this.fake.calls("GET", "/files/");
		assertThat(downloads).hasSize(2);
		assertThat(downloads.get(0).headers().get("Range")).isNull();
		assertThat(downloads.get(1).headers().get("Range")).matches("bytes=[1-9][0-9]*-");
		assertThat(downloads.get(1).status()).isEqualTo(206);
	}

	@Test
	void theTokenIsSentToTheServiceButNotToAnotherHost() throws IOException {
		Path part = assertDownloads(FakeNemoServer.ResultShape.DATA_OUTPUT_URL, "/files/");
		assertThat(part).exists();
		// same host in the fake, so the token goes; a foreign host is covered by the host check in download()
		assertThat(this.fake.calls("GET", "/files/").get(0).headers().get("Authorization")).startsWith("Bearer ");
	}

	private Path assertDownloads(FakeNemoServer.ResultShape shape, String fetchedFrom) throws IOException {
		this.fake.resultShape = shape;
		String session = this.client.createSession();
		this.client.upload(session, clip);
		this.client.edit(session, "add music", () -> {
		}, (text) -> {
		});
		this.client.submitRender("render_a", session, this.client.state(session));
		RenderStatus status;
		do {
			status = this.client.render("render_a").orElseThrow();
		}
		while (!status.completed());
		Path part = this.dir.resolve("out.mp4.part");
		this.client.download(status, part);
		List<RecordedCall> fetches = new ArrayList<>(this.fake.calls("GET", fetchedFrom));
		fetches.removeIf((call) -> call.path().startsWith("/api/render/proxy/lambda"));
		assertThat(fetches).isNotEmpty().allSatisfy((call) -> assertThat(call.path()).contains("render_a"));
		byte[] expected = Files.readAllBytes(this.dir.resolve("fake/render_a.mp4"));
		assertThat(Files.readAllBytes(part)).isEqualTo(expected);
		return part;
	}

	/** The call, its failure read as the engine reads it. */
	private static ThrowingCallable engineReading(ThrowingCallable call) {
		return () -> {
			try {
				call.call();
			}
			catch (NemoApiException ex) {
				throw NemoFailures.translate(ex);
			}
		};
	}

	private EditStream edit(String... events) {
		this.fake.sseEvents = List.of(events);
		String session = this.client.createSession();
		return this.client.edit(session, "add music", () -> {
		}, (text) -> {
		});
	}

}
