package bgmbatch.reliability;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import bgmbatch.storage.ObjectInfo;
import bgmbatch.storage.ObjectStore;
import bgmbatch.storage.S3Location;
import bgmbatch.storage.S3TestServer;
import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code output=s3://...}: a run killed with SIGKILL while an output is being uploaded
 * leaves no object in sight (not even half of one), and the rerun delivers it once. The
 * upload goes through a proxy that slows it down and says when a third of it has passed:
 * that is when the kill lands.
 */
class S3KillDuringUploadTest {

	private static final Duration RUN_LIMIT = Duration.ofMinutes(2);


	@TempDir
	Path dir;

	private S3TestServer server;

	private ThrottlingProxy proxy;

	@AfterEach
	void stop() throws Exception {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.server != null) {
			this.server.close();
		}
		S3TestServer.forgetCredentials();
	}

	@Test
	void killDuringAnOutputUploadLeavesNoObjectAndTheRerunDeliversItOnce() throws Exception {
		S3TestServer.useCredentials();
		this.server = S3TestServer.start(Files.createDirectories(this.dir.resolve("s3")), "delivery");
		this.proxy = new ThrottlingProxy(this.server.port(), 2L * 1024 * 1024);
		// about 11 MB of noise (it does not compress): three parts of 5 MB
		Path clip = Clips.ffmpeg(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
				"nullsrc=size=640x360:rate=30:duration=1,geq=random(1)*255:128:128", "-f", "lavfi", "-i",
				"sine=duration=1", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-c:a",
				"aac", this.dir.resolve("noise.mp4").toString()), this.dir.resolve("noise.mp4"));
		long size = Files.size(clip);
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction,output,id\nnoise.mp4,add calm music,noise.mp4,noise\n");
		ObjectStore store = this.server.store();
		S3Location object = new S3Location("delivery", "nightly/noise.mp4");

		CountDownLatch third = this.proxy.after(size / 3);
		ChildJvm killed = start(manifest, this.proxy.port());
		assertThat(third.await(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the upload began: %s", killed.stderr())
			.isTrue();
		assertThat(killed.killAfter(0)).as("killed while uploading, not finished").isNotNull();

		assertThat(store.head(object)).as("no object, not even part of one, after a kill mid-upload").isEmpty();

		ChildJvm rerun = start(manifest, this.server.port());
		assertThat(rerun.awaitExit(RUN_LIMIT)).as("%s%n%s", rerun.stdout(), rerun.stderr()).isZero();
		ObjectInfo delivered = store.head(object).orElseThrow();
		Path copy = this.dir.resolve("copy.mp4");
		try (ObjectStore.Read read = store.read(object, 0, null); InputStream in = read.body()) {
			Files.copy(in, copy);
		}
		Clips.assertValidOutput(copy, 1.0);

		ChildJvm again = start(manifest, this.server.port());
		assertThat(again.awaitExit(RUN_LIMIT)).isZero();
		assertThat(again.stdout()).contains("Nothing to do: 1 delivered");
		assertThat(store.head(object).orElseThrow()).as("delivered once: the object is the same").isEqualTo(delivered);
	}

	private ChildJvm start(Path manifest, int port) {
		return ChildJvm.start(ChildJvm.QUICK_START,
				Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.ACCESS_KEY),
				this.dir, List.of("manifest=" + manifest, "output=s3://delivery/nightly/",
						"state-dir=" + this.dir.resolve("state"), "s3.endpoint=http://127.0.0.1:" + port,
						"s3.region=us-east-1", "s3.multipart-threshold=5MB", "s3.part-size=5MB"));
	}

}
