package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
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
import bgmbatch.support.FakeNemo;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against the fake: one test per row of the contract's error table, per event shape, per download path.
 * The client throws only {@link NemoApiException}; where a row of the table is a job policy (stop, skip, fail),
 * the test reads the failure the way the engine does ({@link NemoFailures}).
 */
class NemoClientTest {

	@RegisterExtension
	static final FakeNemo nemo = new FakeNemo();

	@TempDir
	Path dir;

	NemoClient client;

	@BeforeEach
	void start() throws IOException {
		this.client = new NemoClient(NemoTestSupport.fast(nemo.server().url()).client(), this.dir.resolve("state/nemo"));
	}

	@Test
	void code0AnswersInEitherEnvelopeCarryTheirData() {
		nemo.server().balance.set(321);
		assertThat(this.client.availableCredits()).isEqualTo(321);
		nemo.server().successEnvelope = true;
		nemo.server().balance.set(123);
		assertThat(this.client.availableCredits()).isEqualTo(123);
		assertThat(this.client.createSession()).startsWith("sess_");
	}

	@Test
	void everyCallCarriesTheAttributionHeadersAndOnlyTheTokenCallGoesWithoutAuthorization() {
		String session = this.client.createSession();
		this.client.upload(session, nemo.clip());
		this.client.state(session);
		assertThat(nemo.server().calls()).hasSizeGreaterThanOrEqualTo(4).allSatisfy((call) -> {
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
		nemo.server().expireTokens();
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(nemo.server().tokensIssued()).isEqualTo(2);
		assertThat(nemo.server().calls("GET", "/api/credits").stream().map(RecordedCall::status))
			.containsExactly(200, 401, 200);
	}

	@Test
	void theTokenAndClientIdAreKeptOwnerOnlyAndReusedAcrossRuns() throws IOException {
		this.client.availableCredits();
		NemoClient nextRun = new NemoClient(NemoTestSupport.fast(nemo.server().url()).client(),
				this.dir.resolve("state/nemo"));
		nextRun.availableCredits();
		assertThat(nemo.server().tokensIssued()).isEqualTo(1);
		Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(Files.getPosixFilePermissions(this.dir.resolve("state/nemo/token"))).isEqualTo(ownerOnly);
		assertThat(Files.getPosixFilePermissions(this.dir.resolve("state/nemo/client-id"))).isEqualTo(ownerOnly);
	}

	@Test
	void aTokenFromTheEnvironmentWinsAndNoAnonymousTokenIsAskedFor() {
		nemo.server().userToken = "nmv_usr_given";
		NemoClientSettings withToken = NemoTestSupport.fast(nemo.server().url()).client().withToken("nmv_usr_given");
		NemoClient given = new NemoClient(withToken, this.dir.resolve("given"));
		assertThat(given.availableCredits()).isEqualTo(1000);
		assertThat(nemo.server().tokensIssued()).isZero();
		assertThat(withToken.toString()).doesNotContain("nmv_usr_given");
	}

	@Test
	void code1002SaysTheSessionIsGone() {
		assertThatThrownBy(() -> this.client.upload("sess_unknown", nemo.clip())).isInstanceOf(NemoApiException.class)
			.hasMessageContaining("1002")
			.satisfies((ex) -> assertThat(((NemoApiException) ex).sessionGone()).isTrue());
	}

	@Test
	void code2001StopsTheJob() {
		nemo.server().balance.set(0);
		assertThatThrownBy(engineReading(this.client::createSession)).isInstanceOf(JobHaltException.class)
			.hasMessageContaining("out of NemoVideo credits")
			.hasMessageContaining("2001");
	}

	@Test
	void code4001SkipsTheItemWithItsReason() {
		nemo.server().uploadRefusal = 4001;
		String session = this.client.createSession();
		assertThatThrownBy(engineReading(() -> this.client.upload(session, nemo.clip())))
			.isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("file type")
			.hasMessageContaining("4001");
	}

	@Test
	void code4002SkipsTheItemWithItsReason() {
		nemo.server().uploadRefusal = 4002;
		String session = this.client.createSession();
		assertThatThrownBy(engineReading(() -> this.client.upload(session, nemo.clip())))
			.isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("larger")
			.hasMessageContaining("4002");
	}

	@Test
	void http400OnTheTokenCallMakesAndKeepsANewClientIdThenRepeats() throws IOException {
		Path idFile = this.dir.resolve("state/nemo/client-id");
		Files.createDirectories(idFile.getParent());
		Files.writeString(idFile, "stale-id");
		nemo.server().rejectedClientIds.add("stale-id");
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(Files.readString(idFile)).isNotBlank().isNotEqualTo("stale-id");
		assertThat(nemo.server().calls("POST", "/api/auth/anonymous-token").stream().map(RecordedCall::status))
			.containsExactly(400, 200);
	}

	@Test
	void http402OnExportStopsTheJobSayingItIsThePlan() {
		nemo.server().planDeniesExport = true;
		String session = this.client.createSession();
		Draft draft = this.client.state(session);
		assertThatThrownBy(engineReading(() -> this.client.submitRender("render_1", session, draft)))
			.isInstanceOf(JobHaltException.class)
			.hasMessageContaining("plan")
			.hasMessageContaining("not a lack of credits");
	}

	@Test
	void http429WaitsForRetryAfterAndThenSucceeds() {
		nemo.server().rateLimited.set(2);
		nemo.server().retryAfter = "0.01";
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(nemo.server().calls("GET", "/api/credits").stream().map(RecordedCall::status))
			.containsExactly(429, 429, 200);
	}

	@Test
	void http429WithoutRetryAfterWaitsTheDefaultAndGivesUpAfterTheBound() {
		nemo.server().retryAfter = null;
		nemo.server().rateLimited.set(100);
		assertThatThrownBy(this.client::availableCredits).isInstanceOf(NemoApiException.class)
			.satisfies((ex) -> assertThat(((NemoApiException) ex).kind()).isEqualTo(NemoApiException.Kind.GAVE_UP));
		// the engine fails the item: the step's retry does not multiply the client's bound
		assertThatThrownBy(engineReading(this.client::availableCredits)).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("429");
		// the first try plus max-429-retries (3) waits, twice
		assertThat(nemo.server().calls("GET", "/api/credits")).hasSize(8);
	}

	@Test
	void http5xxIsRetriedWithBackoffUpToTheBound() {
		nemo.server().serverErrors.set(2);
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		nemo.server().serverErrors.set(100);
		assertThatThrownBy(engineReading(this.client::availableCredits)).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("503");
		// 3 answered above, then the first try plus max-retries (2)
		assertThat(nemo.server().calls("GET", "/api/credits")).hasSize(6);
	}

	@Test
	void aConnectionResetIsRetriedWithBackoff() {
		nemo.server().connectionResets.set(2);
		assertThat(this.client.availableCredits()).isEqualTo(1000);
		assertThat(nemo.server().calls("GET", "/api/credits").stream().map(RecordedCall::status).toList()).last()
			.isEqualTo(200);
	}

	@Test
	void aSlowAnswerTimesOutAndIsRetried() {
		NemoClientSettings impatient = NemoTestSupport.fast(nemo.server().url())
			.client()
			.withReadTimeout(java.time.Duration.ofMillis(200));
		NemoClient client = new NemoClient(impatient, this.dir.resolve("impatient"));
		client.ensureToken();
		nemo.server().latencyMillis = 1000;
		nemo.server().slowAnswers.set(1);
		assertThat(client.availableCredits()).isEqualTo(1000);
		assertThat(nemo.server().calls("GET", "/api/credits")).hasSize(2);
	}

	@Test
	void anEditRefusedForCreditsStopsTheJobWithoutAStream() {
		String session = this.client.createSession();
		nemo.server().balance.set(0);
		assertThatThrownBy(engineReading(() -> this.client.edit(session, "add music", () -> {
		}, (text) -> {
		}))).isInstanceOf(JobHaltException.class).hasMessageContaining("2001");
		assertThat(nemo.server().messagesTo(session)).isZero();
	}

	@Test
	void anEditAnsweredWith5xxIsNeverSentAgain() {
		String session = this.client.createSession();
		nemo.server().serverErrors.set(5);
		nemo.server().serverErrorPath = "/run_sse";
		EditStream stream = this.client.edit(session, "add music", () -> {
		}, (text) -> {
		});
		assertThat(stream.dropped()).isTrue();
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);
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
		nemo.server().sseDrop = true;
		EditStream stream = edit("{\"type\":\"text\",\"content\":\"working on it\"}");
		assertThat(stream.dropped()).isTrue();
		assertThat(stream.texts()).containsExactly("working on it");
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);
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
		nemo.server().truncateNextDownload.set(true);
		Path part = assertDownloads(FakeNemoServer.ResultShape.DATA_OUTPUT_URL, "/files/");
		List<RecordedCall> downloads = nemo.server().calls("GET", "/files/");
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
		assertThat(nemo.server().calls("GET", "/files/").get(0).headers().get("Authorization")).startsWith("Bearer ");
	}

	private Path assertDownloads(FakeNemoServer.ResultShape shape, String fetchedFrom) throws IOException {
		nemo.server().resultShape = shape;
		String session = this.client.createSession();
		this.client.upload(session, nemo.clip());
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
		List<RecordedCall> fetches = new ArrayList<>(nemo.server().calls("GET", fetchedFrom));
		fetches.removeIf((call) -> call.path().startsWith("/api/render/proxy/lambda"));
		assertThat(fetches).isNotEmpty().allSatisfy((call) -> assertThat(call.path()).contains("render_a"));
		byte[] expected = Files.readAllBytes(nemo.files().resolve("render_a.mp4"));
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
		nemo.server().sseEvents = List.of(events);
		String session = this.client.createSession();
		return this.client.edit(session, "add music", () -> {
		}, (text) -> {
		});
	}

}
