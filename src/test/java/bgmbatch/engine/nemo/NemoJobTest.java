package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.Stage;
import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.engine.nemo.fake.RecordedCall;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.support.FakeNemo;
import bgmbatch.support.JobRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job on {@code engine=nemo} against the fake server, including restarts. */
class NemoJobTest {

	@RegisterExtension
	static final FakeNemo nemo = new FakeNemo();

	@TempDir
	Path dir;

	@Test
	void deliversEveryItemWithOneSessionOneUploadOneMessageAndOneRenderEach() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 3);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "2"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.OK);
		assertThat(outcome.items()).allSatisfy((item) -> {
			assertThat(item.status()).isEqualTo(ItemStatus.DELIVERED);
			assertThat(item.output()).exists();
			assertThat(item.handles()).containsKeys(NemoEngine.SESSION, NemoEngine.FILE_URL, NemoEngine.EDIT_SENT,
					NemoEngine.REPLY, NemoEngine.RENDER, NemoEngine.TRACKS);
			assertThat(item.handles().get(NemoEngine.REPLY)).isEqualTo("Done! Click Export to render your video.");
			assertThat(item.credits()).isEqualTo(50);
			assertThat(nemo.server().messagesTo(item.handles().get(NemoEngine.SESSION))).isEqualTo(1);
		});
		assertThat(nemo.server().sessions()).hasSize(3);
		assertThat(nemo.server().calls("POST", "/api/upload-video")).hasSize(3);
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(3);
		assertThat(nemo.server().calls("POST", "/api/render/proxy/lambda")).hasSize(3);
		assertThat(nemo.server().tokensIssued()).isEqualTo(1);
		assertThat(Files.readString(this.dir.resolve("out/report.json"))).contains("\"delivered\" : 3");
	}

	@Test
	void creditsForTwoOfFourItemsDeliverThoseTwoThenStopWithExit4AndATopUpDeliversTheRestPayingNothingTwice()
			throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 4);
		nemo.server().balance.set(2 * (FakeNemoServer.SESSION_COST + FakeNemoServer.EDIT_COST));
		JobRun.Outcome first = JobRun.run(manifest, arguments(manifest, "2"));

		assertThat(first.exit()).isEqualTo(ExitCode.HALTED);
		assertThat(delivered(first)).as("the items paid for are finished before the stop").containsExactly("v1", "v2");
		assertThat(List.of(first.item("v3"), first.item("v4"))).allSatisfy((item) -> {
			assertThat(item.status()).isEqualTo(ItemStatus.PENDING);
			assertThat(item.handles()).as("no session opened that the balance cannot finish")
				.doesNotContainKey(NemoEngine.SESSION);
			assertThat(item.claimedBy()).as("back to waiting").isNull();
		});
		assertThat(nemo.server().sessions()).hasSize(2);
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(2);
		assertThat(Files.readString(this.dir.resolve("out/report.json")))
			.contains("not enough NemoVideo credits to open a session for item v");
		int firstRunCalls = nemo.server().calls().size();

		nemo.server().balance.addAndGet(500);
		JobRun.Outcome second = JobRun.run(manifest, arguments(manifest, "2"));

		assertThat(second.exit()).isEqualTo(ExitCode.OK);
		assertThat(delivered(second)).containsExactly("v1", "v2", "v3", "v4");
		assertThat(nemo.server().sessions()).as("one session per item, no more").hasSize(4);
		assertThat(nemo.server().calls("POST", "/run_sse")).as("one edit message per item").hasSize(4);
		assertThat(second.items()).allSatisfy(
				(item) -> assertThat(nemo.server().messagesTo(session(second, item.id()))).isEqualTo(1));
		List<RecordedCall> secondRun = nemo.server().calls().subList(firstRunCalls, nemo.server().calls().size());
		Set<String> paidAgain = secondRun.stream()
			.filter(RecordedCall::isSse)
			.map((call) -> sessionOf(call.body()))
			.collect(Collectors.toSet());
		assertThat(paidAgain).containsExactlyInAnyOrder(session(second, "v3"), session(second, "v4"));
	}

	@Test
	void anEditWhoseMessageNeverLeftIsSentByTheNextRunInANewSessionNeverTwiceIntoOne() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome killed = JobRun.run(manifest, arguments(manifest, "1"),
				(key, value) -> key.equals(NemoEngine.EDIT_SENT) && value != null);
		assertThat(killed.died()).isTrue();
		assertThat(killed.item("v1").handles()).containsKey(NemoEngine.EDIT_SENT)
			.doesNotContainKey(NemoEngine.EDIT_ACCEPTED);
		String stranded = session(killed, "v1");
		assertThat(nemo.server().calls("POST", "/run_sse")).isEmpty();

		JobRun.Outcome restarted = JobRun.run(manifest, arguments(manifest, "1"));

		assertThat(restarted.exit()).isEqualTo(ExitCode.OK);
		assertThat(restarted.item("v1").status()).isEqualTo(ItemStatus.DELIVERED);
		String fresh = session(restarted, "v1");
		assertThat(fresh).isNotEqualTo(stranded);
		assertThat(nemo.server().sessions()).containsExactlyInAnyOrder(stranded, fresh);
		assertThat(nemo.server().messagesTo(stranded)).isZero();
		assertThat(nemo.server().messagesTo(fresh)).isEqualTo(1);
		assertThat(nemo.server().calls("POST", "/api/upload-video")).as("the new session has its own upload").hasSize(2);
		assertThat(restarted.item("v1").handles()).containsEntry(NemoEngine.EDIT_RESENT, stranded);
		assertThat(Files.readString(this.dir.resolve("out/report.json"))).contains("sent again in a new session");
	}

	@Test
	void aKillWhileTheNewSessionOfAStrandedEditIsBeingMadeIsFinishedByTheRunAfter() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.run(manifest, arguments(manifest, "1"), (key, value) -> key.equals(NemoEngine.EDIT_SENT) && value != null);
		String stranded = nemo.server().sessions().iterator().next();
		// the next run gives up the old session, and dies before it has a new one
		JobRun.Outcome cut = JobRun.run(manifest, arguments(manifest, "1"),
				(key, value) -> key.equals(NemoEngine.SESSION) && value == null);
		assertThat(cut.died()).isTrue();
		assertThat(cut.item("v1").handles()).doesNotContainKey(NemoEngine.SESSION)
			.containsEntry(NemoEngine.EDIT_RESENT, stranded);

		JobRun.Outcome last = JobRun.run(manifest, arguments(manifest, "1"));

		assertThat(last.exit()).isEqualTo(ExitCode.OK);
		assertThat(nemo.server().sessions()).hasSize(2);
		assertThat(nemo.server().messagesTo(stranded)).isZero();
		assertThat(nemo.server().messagesTo(session(last, "v1"))).isEqualTo(1);
	}

	@Test
	void aKillDuringTheEditStreamNeverSendsTheMessageAgain() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome killed = JobRun.run(manifest, arguments(manifest, "1"),
				(key, value) -> key.equals(NemoEngine.REPLY));
		assertThat(killed.died()).isTrue();
		assertThat(killed.item("v1").stage()).isEqualTo(Stage.EDIT);
		assertThat(killed.item("v1").handles()).containsKey(NemoEngine.EDIT_SENT);
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);

		JobRun.Outcome restarted = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(restarted.exit()).isEqualTo(ExitCode.OK);
		assertThat(restarted.item("v1").status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);
		assertThat(nemo.server().messagesTo(session(restarted, "v1"))).isEqualTo(1);
	}

	@Test
	void aKillDuringRenderPollingPollsTheSameRenderAfterRestart() throws IOException {
		nemo.server().pollsToComplete = 3;
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome killed = JobRun.run(manifest, arguments(manifest, "1"),
				(key, value) -> key.equals(NemoEngine.RENDER_STATUS) && "processing".equals(value));
		assertThat(killed.died()).isTrue();
		assertThat(killed.item("v1").stage()).isEqualTo(Stage.DOWNLOAD);
		String render = killed.item("v1").handles().get(NemoEngine.RENDER);

		JobRun.Outcome restarted = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(restarted.exit()).isEqualTo(ExitCode.OK);
		assertThat(restarted.item("v1").handles().get(NemoEngine.RENDER)).isEqualTo(render);
		assertThat(nemo.server().calls("POST", "/api/render/proxy/lambda")).hasSize(1);
		assertThat(nemo.server().calls("GET", "/api/render/proxy/lambda/"))
			.allSatisfy((call) -> assertThat(call.path()).endsWith("/" + render));
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);
	}

	@Test
	void aBrokenDownloadIsResumedWithRangeAndTheResultPassesTheOutputCheck() throws IOException {
		nemo.server().truncateNextDownload.set(true);
		nemo.server().resultShape = FakeNemoServer.ResultShape.TOP_LEVEL_OUTPUT_URL;
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.OK);
		List<RecordedCall> downloads = nemo.server().calls("GET", "/files/");
		assertThat(downloads).hasSize(2);
		assertThat(downloads.get(1).headers().get("Range")).startsWith("bytes=");
		assertThat(downloads.get(1).status()).isEqualTo(206);
		String render = outcome.item("v1").handles().get(NemoEngine.RENDER);
		assertThat(Files.readAllBytes(outcome.item("v1").output()))
			.isEqualTo(Files.readAllBytes(nemo.files().resolve(render + ".mp4")));
	}

	@Test
	void aFailedRenderIsRetriedOnceWithANewId() throws IOException {
		nemo.server().failingRenders.set(1);
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.OK);
		List<RecordedCall> submits = nemo.server().calls("POST", "/api/render/proxy/lambda");
		assertThat(submits).hasSize(2);
		assertThat(submits.get(0).body()).isNotEqualTo(submits.get(1).body());
		assertThat(outcome.item("v1").handles()).containsKey(NemoEngine.RENDER_RETRIED);
	}

	@Test
	void aDroppedEditStreamChecksTheDraftAndNeverResends() throws IOException {
		nemo.server().sseDrop = true;
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 2);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "2"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.OK);
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(2);
	}

	@Test
	void aDraftWithoutMusicFailsTheItemWithTheAssistantsLastReply() throws IOException {
		nemo.server().editAddsMusic = false;
		nemo.server().sseEvents = List.of("{\"type\":\"text\",\"content\":\"Sorry, I could not find a fitting track.\"}");
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.FAILED);
		assertThat(outcome.item("v1").status()).isEqualTo(ItemStatus.FAILED);
		assertThat(outcome.item("v1").lastError())
			.contains("the assistant said: Sorry, I could not find a fitting track.");
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);
	}

	@Test
	void aLostSessionGetsANewSessionAndUploadForThatItemOnly() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 2);
		nemo.server().sessionsLost.set(1);
		nemo.server().sessionLossPath = "/run_sse";
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.OK);
		assertThat(nemo.server().sessions()).hasSize(2);
		assertThat(nemo.server().calls("POST", "/api/tasks")).hasSize(3);
		assertThat(nemo.server().calls("POST", "/api/upload-video")).hasSize(3);
		assertThat(outcome.items()).allSatisfy((item) -> {
			assertThat(item.status()).isEqualTo(ItemStatus.DELIVERED);
			assertThat(nemo.server().messagesTo(session(outcome, item.id()))).isEqualTo(1);
		});
	}

	@Test
	void aPlanThatForbidsExportStopsWithExit4SayingItIsThePlan() throws IOException {
		nemo.server().planDeniesExport = true;
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "1"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.HALTED);
		assertThat(Files.readString(this.dir.resolve("out/report.json"))).contains("plan limit, not a lack of credits");
	}

	@Test
	void aRateLimitStormPausesAllWorkersTogether() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 4);
		nemo.server().retryAfter = "2";
		nemo.server().rateLimitMatches = (request) -> request.getUrl().encodedPath().startsWith("/api/upload-video");
		nemo.server().rateLimited.set(1);
		JobRun.Outcome outcome = JobRun.run(manifest, arguments(manifest, "4"));
		assertThat(outcome.exit()).isEqualTo(ExitCode.OK);
		List<RecordedCall> calls = nemo.server().calls();
		RecordedCall limited = calls.stream().filter((call) -> call.status() == 429).findFirst().orElseThrow();
		long pauseStart = limited.answeredNanos();
		long pauseEnd = pauseStart + 2_000_000_000L;
		// requests already on their way when the 429 went out may still land just after it
		long inFlight = pauseStart + 500_000_000L;
		List<RecordedCall> duringPause = calls.stream()
			.filter((call) -> call.arrivedNanos() > inFlight && call.arrivedNanos() < pauseEnd)
			.toList();
		assertThat(duringPause).isEmpty();
		assertThat(calls).anyMatch((call) -> call.arrivedNanos() >= pauseEnd);
		// four workers had uploads left to do when the pause began, yet only one was refused
		assertThat(calls.stream().filter((call) -> call.status() == 429)).hasSize(1);
	}

	@Test
	void aCallThatKeepsFailingIsSentOncePlusMaxRetriesTimesThenFailsTheItemWithoutTheStepRetryingIt()
			throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		nemo.server().serverErrorPath = "/api/upload-video";
		nemo.server().serverErrors.set(100);
		List<String> arguments = new ArrayList<>(arguments(manifest, "1"));
		arguments.add("--bgm.nemo.max-retries=2");
		JobRun.Outcome outcome = JobRun.run(manifest, arguments);
		assertThat(outcome.exit()).isEqualTo(ExitCode.FAILED);
		assertThat(outcome.item("v1").status()).isEqualTo(ItemStatus.FAILED);
		// retries live in the client only: 1 + max-retries sends, not multiplied by the step's item retries
		assertThat(nemo.server().calls("POST", "/api/upload-video")).hasSize(3);
		assertThat(outcome.item("v1").lastError()).contains("could not upload in-1.mp4 after 3 attempts (HTTP 503)");
	}

	@Test
	void aDryRunPrintsWhatWouldBeSentAndSpendsNothing() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 3);
		List<String> arguments = new ArrayList<>(arguments(manifest, "1"));
		arguments.add("--bgm.dry-run=true");
		CapturedOutput enough = CapturedOutput.during(() -> JobRun.run(manifest, arguments));
		assertThat(enough.result().exit()).isEqualTo(ExitCode.OK);
		assertThat(enough.stdout()).contains("v1: would upload in-1.mp4")
			.contains("v3: would upload in-3.mp4")
			.contains("add upbeat background music")
			.contains("need about 150 credits")
			.contains("1000 available");
		nemo.server().balance.set(100);
		CapturedOutput tooFew = CapturedOutput.during(() -> JobRun.run(manifest, arguments));
		assertThat(tooFew.result().exit()).isEqualTo(ExitCode.HALTED);
		assertThat(tooFew.stdout()).contains("100 available").contains("Not enough credits");
		assertThat(nemo.server().calls()).allMatch((call) -> call.is("GET", "/api/credits")
				|| call.is("POST", "/api/auth/anonymous-token"));
		assertThat(nemo.server().balance.get()).isEqualTo(100);
	}

	@Test
	void anAnonymousTokenNeverAppearsInLogsReportsTheDatabaseOrMessages() throws IOException {
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 2);
		// a token that expires mid-run (1001), a failed render and a failing item make messages to leak into
		nemo.server().onEdit = (call) -> nemo.server().expireTokens();
		nemo.server().failingRenders.set(1);
		nemo.server().serverErrors.set(1);
		nemo.server().serverErrorPath = "/api/state";
		List<String> arguments = new ArrayList<>(arguments(manifest, "2"));
		arguments.addAll(List.of("--logging.threshold.console=TRACE", "--logging.level.bgmbatch=TRACE",
				"--logging.level.okhttp3=TRACE", "--logging.level.org.springframework.batch=DEBUG"));
		CapturedOutput output = CapturedOutput.during(() -> JobRun.run(manifest, arguments));
		assertThat(output.result().exit()).isEqualTo(ExitCode.OK);
		Set<String> tokens = nemo.server().issuedTokens();
		assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
		Path tokenFile = this.dir.resolve("state/nemo/token");
		// the grep below would find a token: the one place it belongs proves it
		assertThat(Files.readString(tokenFile)).containsAnyOf(tokens.toArray(String[]::new));
		String everything = output.stdout() + output.stderr() + allFilesExcept(this.dir.resolve("state"), tokenFile)
				+ allFilesExcept(this.dir.resolve("out"), null)
				+ outputOfItems(output.result());
		assertThat(everything).contains("nemo.session");
		for (String token : tokens) {
			assertThat(everything).doesNotContain(token);
		}
	}

	@Test
	void aTokenFromNemoTokenNeverAppearsAnywhere() throws IOException {
		String secret = "nmv_usr_given_secret_0123456789";
		nemo.server().userToken = secret;
		nemo.server().editAddsMusic = false;
		Path manifest = NemoTestSupport.manifest(this.dir, nemo.clip(), 1);
		List<String> arguments = new ArrayList<>(arguments(manifest, "1"));
		arguments.remove("--bgm.nemo.token=");
		arguments.addAll(List.of("--bgm.nemo.token=" + secret, "--logging.threshold.console=TRACE",
				"--logging.level.bgmbatch=TRACE", "--logging.level.org.springframework.boot.context=DEBUG"));
		CapturedOutput output = CapturedOutput.during(() -> JobRun.run(manifest, arguments));
		assertThat(output.result().exit()).isEqualTo(ExitCode.FAILED);
		assertThat(nemo.server().tokensIssued()).isZero();
		assertThat(nemo.server().calls("POST", "/run_sse").get(0).headers().get("Authorization"))
			.isEqualTo("Bearer " + secret);
		String everything = output.stdout() + output.stderr() + allFilesExcept(this.dir.resolve("state"), null)
				+ allFilesExcept(this.dir.resolve("out"), null) + outputOfItems(output.result());
		assertThat(everything).contains("the draft has no music").doesNotContain(secret);
	}

	private static String allFilesExcept(Path folder, Path except) throws IOException {
		StringBuilder text = new StringBuilder();
		try (var files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).filter((f) -> !f.equals(except)).toList()) {
				text.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
			}
		}
		return text.toString();
	}

	private static String outputOfItems(JobRun.Outcome outcome) {
		return outcome.items().toString();
	}

	List<String> arguments(Path manifest, String concurrency) {
		List<String> arguments = new ArrayList<>(NemoTestSupport.fastArguments(nemo.server()));
		arguments.add("--bgm.manifest=" + manifest);
		arguments.add("--bgm.state-dir=" + this.dir.resolve("state"));
		arguments.add("--bgm.output=" + this.dir.resolve("out"));
		arguments.add("--bgm.concurrency=" + concurrency);
		return arguments;
	}

	static List<String> delivered(JobRun.Outcome outcome) {
		return outcome.items()
			.stream()
			.filter((item) -> item.status() == ItemStatus.DELIVERED)
			.map(LedgerItem::id)
			.toList();
	}

	static String session(JobRun.Outcome outcome, String id) {
		return outcome.item(id).handles().get(NemoEngine.SESSION);
	}

	static String sessionOf(String sseBody) {
		return sseBody.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
	}

}
