package bgmbatch.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.Journal;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.support.Clips;
import bgmbatch.support.ForwardingEngine;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.media.MediaInfo;
import bgmbatch.support.RunHarness;

import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows whose video or music is an https address, on the local engine, against an HTTPS
 * server on loopback. Loopback is an address the job refuses by default, so these runs
 * set {@code allow-private-urls=true}; the one that checks the refusal does not.
 */
class UrlInputsJobTest {

	@TempDir
	static Path shared;

	static Path clip;

	static Path music;

	@TempDir
	Path dir;

	ClipServer server;

	RunHarness harness;

	@BeforeAll
	static void makeClips() {
		clip = Clips.video(shared.resolve("clip.mp4"), 2, true);
		music = Clips.video(shared.resolve("music.m4a"), 3, true);
	}

	@BeforeEach
	void start() throws IOException {
		this.server = new ClipServer().serve("/videos/street.mp4", clip)
			.serve("/tracks/piano.mp4", music)
			.serve("/notes.mp4", "this is a text file, not a video\n".getBytes(StandardCharsets.UTF_8));
		this.harness = new RunHarness(this.dir.resolve("state"), this.dir.resolve("out")).withBean("trustClipServer",
				ClipServer.trust());
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void urlRowIsFetchedMixedAndDeliveredAndItsCachedCopyRemoved() throws Exception {
		Path manifest = manifest("video,instruction,music,id\n" + this.server.url("/videos/street.mp4")
				+ ",add calm music at 30%," + this.server.url("/tracks/piano.mp4") + ",street\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true")).isEqualTo(ExitCode.OK);

		Path output = this.dir.resolve("out/street.mp4");
		MediaInfo info = Clips.probe(output);
		assertThat(info.videoStreams()).hasSize(1);
		assertThat(info.audioStreams()).hasSize(1);
		LedgerItem item = this.harness.ledger(manifest).get(0);
		assertThat(item.status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(item.handles().get(WorkItem.VIDEO_IDENTITY)).startsWith("etag:");
		assertThat(item.plan().text()).contains("piano.mp4");
		assertThat(cachedVideos()).as("the delivered item's video leaves the cache").isEmpty();
		assertThat(Files.readString(this.dir.resolve("out/report.csv"))).contains(this.server.url("/videos/street.mp4"));
	}

	@Test
	void connectionCutMidDownloadIsResumedWithARangeRequest() throws Exception {
		this.server.cutNext.set(1);
		Path manifest = manifest("video,instruction,id\n" + this.server.url("/videos/street.mp4") + ",add music,cut\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true", "remote.backoff-initial=10ms"))
			.isEqualTo(ExitCode.OK);

		List<RecordedRequest> fetches = this.server.requests("/videos/street.mp4");
		assertThat(fetches).hasSize(2);
		assertThat(fetches.get(0).getHeaders().get("Range")).isNull();
		String range = fetches.get(1).getHeaders().get("Range");
		assertThat(range).as("the second request asks for the rest only").matches("bytes=[1-9][0-9]*-");
		assertThat(fetches.get(1).getHeaders().get("If-Range")).as("and only of the same version").startsWith("\"");
		assertThat(Files.size(this.dir.resolve("out/street.mp4"))).isPositive();
		assertThat(Clips.videoHash(this.dir.resolve("out/street.mp4")))
			.as("the spliced download is the clip, byte for byte")
			.isEqualTo(Clips.videoHash(clip));
	}

	@Test
	void missingAddressAndNonVideoBodyAreSkippedRowsWithReasons() throws Exception {
		Path manifest = manifest("video,instruction,id\n" + this.server.url("/gone.mp4") + ",add music,gone\n"
				+ this.server.url("/notes.mp4") + ",add music,notes\n" + this.server.url("/videos/street.mp4")
				+ ",add music,good\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true")).isEqualTo(ExitCode.SKIPPED);

		List<LedgerItem> items = this.harness.ledger(manifest);
		assertThat(items.get(0).status()).isEqualTo(ItemStatus.SKIPPED);
		assertThat(items.get(0).lastError()).contains("HTTP 404").contains("there is no file at that address");
		assertThat(items.get(1).status()).isEqualTo(ItemStatus.SKIPPED);
		assertThat(items.get(1).lastError()).contains("is not a media file ffprobe can read");
		assertThat(items.get(2).status()).isEqualTo(ItemStatus.DELIVERED);
	}

	@Test
	void loopbackAddressIsRefusedWithoutTheSettingAndNothingIsRequested() throws Exception {
		Path manifest = manifest("video,instruction,id\n" + this.server.url("/videos/street.mp4") + ",add music,inside\n");

		assertThat(this.harness.run(manifest)).isEqualTo(ExitCode.SKIPPED);

		LedgerItem item = this.harness.ledger(manifest).get(0);
		assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
		assertThat(item.lastError()).contains("127.0.0.1, a loopback address").contains("allow-private-urls=true");
		assertThat(this.server.requests()).as("refused before connecting").isEmpty();
	}

	@Test
	void redirectToPlainHttpIsRefused() throws Exception {
		this.server.redirect("/moved.mp4", "http://127.0.0.1:1/street.mp4");
		Path manifest = manifest("video,instruction,id\n" + this.server.url("/moved.mp4") + ",add music,moved\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true", "allow-http-urls=true"))
			.isEqualTo(ExitCode.SKIPPED);

		assertThat(this.harness.ledger(manifest).get(0).lastError()).contains("only https redirects are followed");
	}

	@Test
	void httpAddressIsSkippedUnlessAllowed() throws Exception {
		Path manifest = manifest("video,instruction,id\nhttp://127.0.0.1:1/clip.mp4,add music,plain\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true")).isEqualTo(ExitCode.SKIPPED);

		assertThat(this.harness.ledger(manifest).get(0).lastError()).contains("allow-http-urls=true");
	}

	@Test
	void passwordAndPresignedQueryNeverReachReportsOrLogs() throws Exception {
		String secretUrl = this.server.url("/videos/street.mp4").replace("https://", "https://reader:hunter2@")
				+ "?X-Amz-Signature=topsecret42&X-Amz-Credential=AKIDEXAMPLE";
		Path manifest = manifest("video,instruction,id\n" + secretUrl + ",add music,signed\n"
				+ this.server.url("/gone.mp4") + "?sig=topsecret42,add music,gone\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true")).isEqualTo(ExitCode.SKIPPED);

		RecordedRequest fetch = this.server.requests("/videos/street.mp4").get(0);
		assertThat(fetch.getHeaders().get("Authorization")).as("the password is sent as Basic auth").startsWith("Basic ");
		for (Path file : List.of(this.dir.resolve("out/report.csv"), this.dir.resolve("out/report.json"),
				this.dir.resolve("out/report.html"), this.dir.resolve("state/logs/bgm-batch.log"))) {
			assertThat(Files.readString(file)).as(file.toString())
				.doesNotContain("hunter2")
				.doesNotContain("topsecret42")
				.doesNotContain("AKIDEXAMPLE");
		}
		assertThat(this.harness.ledger(manifest).get(1).lastError()).contains("/gone.mp4?***")
			.doesNotContain("topsecret42");
	}

	@Test
	void remoteVideoChangedAfterItsItemBeganSendsTheItemBackToItsFirstStage() throws Exception {
		Path longer = Clips.video(this.dir.resolve("longer.mp4"), 3, true);
		AtomicBoolean swapped = new AtomicBoolean();
		// after the first stage: the file changes on the server, and this machine's copy is gone
		this.harness.decorateEngine((engine) -> new ForwardingEngine(engine) {
			@Override
			public StageResult upload(WorkItem item, Journal journal) {
				StageResult result = super.upload(item, journal);
				if (!swapped.getAndSet(true)) {
					swapFile(longer);
					deleteQuietly(item.video());
				}
				return result;
			}
		});
		Path manifest = manifest("video,instruction,id\n" + this.server.url("/videos/street.mp4") + ",add music,street\n");

		assertThat(this.harness.run(manifest, "allow-private-urls=true")).isEqualTo(ExitCode.FAILED);
		LedgerItem changed = this.harness.ledger(manifest).get(0);
		assertThat(changed.lastError()).contains("changed since this item began");
		assertThat(changed.stage()).isEqualTo(bgmbatch.engine.Stage.UPLOAD);

		assertThat(this.harness.run(manifest, "allow-private-urls=true")).isEqualTo(ExitCode.OK);
		assertThat(Clips.probe(this.dir.resolve("out/street.mp4")).durationSeconds())
			.as("made from the new version").isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.5));
	}

	private void swapFile(Path file) {
		try {
			this.server.serve("/videos/street.mp4", file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private List<Path> cachedVideos() throws IOException {
		Path inputs = this.dir.resolve("state/inputs");
		try (Stream<Path> files = Files.walk(inputs)) {
			return files.filter((f) -> f.getFileName().toString().startsWith("street")).toList();
		}
	}

	private Path manifest(String csv) throws IOException {
		return Files.writeString(this.dir.resolve("videos.csv"), csv);
	}

}
