package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.nemo.fake.RecordedCall;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.source.ClipServer;
import bgmbatch.support.FakeNemo;
import bgmbatch.support.RunHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The cloud engine with an https input: the service fetches it; we send no bytes unless it cannot. */
class NemoUrlInputTest {

	@RegisterExtension
	static final FakeNemo nemo = new FakeNemo();

	@TempDir
	Path dir;

	ClipServer clips;

	RunHarness harness;

	@BeforeEach
	void start() throws IOException {
		nemo.server().urlFetcher = ClipServer.trustingClient();
		this.clips = new ClipServer().serve("/footage/street.mp4", nemo.clip());
		this.harness = new RunHarness(this.dir.resolve("state"), this.dir.resolve("out")).withBean("trustClipServer",
				ClipServer.trust());
	}

	@AfterEach
	void stop() throws IOException {
		this.clips.close();
	}

	@Test
	void httpsRowIsHandedToTheUrlUploadAndNoBytesAreUploadedByUs() throws Exception {
		Path manifest = manifest();

		assertThat(run(manifest)).isEqualTo(ExitCode.OK);

		List<RecordedCall> uploads = nemo.server().calls("POST", "/api/upload-video");
		assertThat(uploads).hasSize(1);
		assertThat(uploads.get(0).body()).contains("\"source_type\":\"url\"")
			.contains(this.clips.url("/footage/street.mp4"));
		assertThat(this.clips.requests()).as("the service fetched it, once; the job did not").hasSize(1);
		assertThat(this.harness.ledger(manifest, settings()).get(0).status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(this.dir.resolve("out/street.mp4")).isNotEmptyFile();
	}

	@Test
	void addressTheServiceCannotFetchIsFetchedHereAndUploadedInstead() throws Exception {
		nemo.server().urlFetchFails = true;
		Path manifest = manifest();

		assertThat(run(manifest)).isEqualTo(ExitCode.OK);

		List<RecordedCall> uploads = nemo.server().calls("POST", "/api/upload-video");
		assertThat(uploads).hasSize(2);
		assertThat(uploads.get(0).body()).contains("\"source_type\":\"url\"");
		assertThat(uploads.get(1).body()).startsWith("<multipart ");
		assertThat(this.clips.requests()).as("fetched by the job this time").hasSize(1);
		assertThat(this.harness.ledger(manifest, settings()).get(0).status()).isEqualTo(ItemStatus.DELIVERED);
	}

	private ExitCode run(Path manifest) throws Exception {
		return this.harness.run(manifest, settings());
	}

	private String[] settings() {
		List<String> settings = new ArrayList<>(List.of("allow-private-urls=true"));
		for (String argument : NemoTestSupport.fastArguments(nemo.server())) {
			if (argument.startsWith("--bgm.")) {
				settings.add(argument.substring("--bgm.".length()));
			}
		}
		return settings.toArray(String[]::new);
	}

	private Path manifest() throws IOException {
		return Files.writeString(this.dir.resolve("videos.csv"), "video,instruction,id\n"
				+ this.clips.url("/footage/street.mp4") + ",add upbeat background music,street\n");
	}

}
