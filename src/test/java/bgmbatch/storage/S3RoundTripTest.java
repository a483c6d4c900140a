package bgmbatch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.media.MediaInfo;
import bgmbatch.support.Clips;
import bgmbatch.support.RunHarness;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code s3://} inputs and {@code output=s3://...} against a local S3-compatible server (s3rver). */
class S3RoundTripTest {

	@TempDir
	static Path shared;

	static S3TestServer server;

	static ObjectStore store;

	static Path clip;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() throws Exception {
		S3TestServer.useCredentials();
		server = S3TestServer.start(java.nio.file.Files.createDirectories(shared.resolve("s3")), "footage");
		store = server.store();
		clip = Clips.video(shared.resolve("clip.mp4"), 2, true);
		store.put(new S3Location("footage", "in/street clip.mp4"), clip, "video/mp4");
		store.put(new S3Location("footage", "tracks/piano.m4a"), Clips.video(shared.resolve("piano.m4a"), 3, true),
				"audio/mp4");
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
		S3TestServer.forgetCredentials();
	}

	@Test
	void bucketInputIsFetchedAndTheOutputAndReportsLandUnderThePrefixOnce() throws Exception {
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"), """
				video,instruction,music,id
				s3://footage/in/street clip.mp4,add calm music at 30%,s3://footage/tracks/piano.m4a,street
				""");
		RunHarness harness = new RunHarness(this.dir.resolve("state"), this.dir.resolve("unused"));
		String[] settings = { "output=s3://footage/nightly/", "s3.endpoint=" + server.endpoint(), "s3.region=us-east-1" };

		assertThat(harness.run(manifest, settings)).isEqualTo(ExitCode.OK);

		S3Location output = new S3Location("footage", "nightly/street clip.mp4");
		ObjectInfo delivered = store.head(output).orElseThrow();
		Path copy = this.dir.resolve("copy.mp4");
		try (ObjectStore.Read read = store.read(output, 0, null); InputStream in = read.body()) {
			Files.copy(in, copy);
		}
		MediaInfo info = Clips.probe(copy);
		assertThat(info.videoStreams()).hasSize(1);
		assertThat(info.audioStreams()).hasSize(1);
		assertThat(store.keys(new S3Location("footage", "nightly/"))).contains("nightly/report.csv",
				"nightly/report.json", "nightly/report.html");
		LedgerItem item = harness.ledger(manifest, settings).get(0);
		assertThat(item.status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(item.handles()).containsEntry("output.etag", delivered.etag());
		assertThat(item.handles().get(WorkItem.VIDEO_IDENTITY)).startsWith("etag:");
		assertThat(stagedVideos()).as("nothing is left in the staging folder").isEmpty();

		assertThat(harness.run(manifest, settings)).as("a second run has nothing to do").isEqualTo(ExitCode.OK);
		assertThat(store.head(output).orElseThrow().lastModified()).as("and uploads nothing again")
			.isEqualTo(delivered.lastModified());
	}

	@Test
	void missingObjectIsASkippedRowWithItsAddress() throws Exception {
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction,id\ns3://footage/in/nothing.mp4,add music,nothing\n");
		RunHarness harness = new RunHarness(this.dir.resolve("state"), this.dir.resolve("out"));

		assertThat(harness.run(manifest, "s3.endpoint=" + server.endpoint())).isEqualTo(ExitCode.SKIPPED);

		assertThat(harness.ledger(manifest).get(0).lastError())
			.isEqualTo("there is no object at s3://footage/in/nothing.mp4");
	}

	@Test
	void largeOutputGoesUpInPartsAndCarriesItsHash() throws Exception {
		Path big = this.dir.resolve("big.bin");
		byte[] block = new byte[1024 * 1024];
		new java.util.Random(7).nextBytes(block);
		try (var out = Files.newOutputStream(big)) {
			for (int i = 0; i < 12; i++) {
				out.write(block);
			}
		}
		ObjectStore parts = bgmbatch.storage.aws.AwsObjectStore.create(new S3Properties(server.endpoint(), "us-east-1",
				true, org.springframework.util.unit.DataSize.ofMegabytes(5), org.springframework.util.unit.DataSize
					.ofMegabytes(5), null, null));
		String[] started = new String[1];
		S3Location location = new S3Location("footage", "parts/big.bin");
		ObjectInfo info = parts.upload(location, big, Map.of("bgm-sha256", "abc"), (id) -> started[0] = id);

		assertThat(started[0]).as("a multipart upload, its id handed out before the first part").isNotBlank();
		ObjectInfo there = store.head(location).orElseThrow();
		assertThat(there.size()).isEqualTo(Files.size(big));
		assertThat(there.metadata()).containsEntry("bgm-sha256", "abc");
		assertThat(there.etag()).isEqualTo(info.etag());
	}

	private java.util.List<Path> stagedVideos() throws IOException {
		Path outbox = this.dir.resolve("state/outbox");
		if (!Files.isDirectory(outbox)) {
			return java.util.List.of();
		}
		try (Stream<Path> files = Files.walk(outbox)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".mp4")).toList();
		}
	}


}
