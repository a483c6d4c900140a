package bgmbatch.engine.nemo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import bgmbatch.engine.CreditsInFlight;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Plan;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.support.FakeNemo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's own decisions, stage by stage, against the fake. */
class NemoEngineTest {

	/** These tests run one item at a time: no other item holds credits. */
	static final CreditsInFlight NO_OTHERS = new CreditsInFlight() {

		@Override
		public int heldByOthers(String jobKey, String itemId) {
			return 0;
		}

		@Override
		public <T> T exclusively(String jobKey, java.util.function.Supplier<T> work) {
			return work.get();
		}

	};

	@RegisterExtension
	static final FakeNemo nemo = new FakeNemo();

	@TempDir
	Path dir;

	NemoEngine engine;

	final Map<String, String> handles = new HashMap<>();

	final Journal journal = (key, value) -> {
		if (value == null) {
			this.handles.remove(key);
		}
		else {
			this.handles.put(key, value);
		}
	};

	@BeforeEach
	void start() throws IOException {
		NemoProperties properties = NemoTestSupport.fast(nemo.server().url());
		this.engine = new NemoEngine(new NemoClient(properties.client(), this.dir.resolve("state")), properties, NO_OTHERS);
	}

	@Test
	void anUnsupportedTypeIsSkippedBeforeAnythingIsUploadedOrPaid() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.flv"), "not really a video");
		assertThatThrownBy(() -> this.engine.upload(item(video), this.journal)).isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("4001")
			.hasMessageContaining(".flv");
		assertThat(nemo.server().calls()).isEmpty();
	}

	@Test
	void aFileOver500MegabytesIsSkippedBeforeAnythingIsUploadedOrPaid() throws IOException {
		Path video = this.dir.resolve("huge.mp4");
		try (RandomAccessFile sparse = new RandomAccessFile(video.toFile(), "rw")) {
			sparse.setLength(FakeNemoServer.MAX_UPLOAD + 1);
		}
		assertThatThrownBy(() -> this.engine.upload(item(video), this.journal)).isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("4002");
		assertThat(nemo.server().calls()).isEmpty();
	}

	@Test
	void tooFewCreditsForASessionStopTheJobSayingWhatIsNeededAndAvailable() throws IOException {
		nemo.server().balance.set(30);
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		assertThatThrownBy(() -> this.engine.upload(item(video), this.journal)).isInstanceOf(JobHaltException.class)
			.hasMessageContaining("50 needed")
			.hasMessageContaining("30 available");
		assertThat(nemo.server().sessions()).isEmpty();
	}

	@Test
	void aSessionLostBeforeTheUploadIsReplacedForThisItem() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		nemo.server().sessionsLost.set(1);
		nemo.server().sessionLossPath = "/api/upload-video";
		this.engine.upload(item(video), this.journal);
		assertThat(nemo.server().calls("POST", "/api/tasks")).hasSize(2);
		assertThat(nemo.server().sessions()).containsExactly(this.handles.get(NemoEngine.SESSION));
		assertThat(this.handles).containsKey(NemoEngine.FILE_URL);
	}

	@Test
	void retryEditSendsTheInstructionOnceMoreWhenTheDraftHasNoMusic() throws IOException {
		NemoProperties retrying = NemoTestSupport.fast(nemo.server().url(), Map.of("retry-edit", "true"));
		NemoEngine engine = new NemoEngine(new NemoClient(retrying.client(), this.dir.resolve("state")), retrying, NO_OTHERS);
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		nemo.server().editAddsMusic = false;
		engine.upload(item(video), this.journal);
		engine.edit(item(video), this.journal);
		nemo.server().editAddsMusic = true;
		engine.verify(item(video), this.journal);
		assertThat(nemo.server().messagesTo(this.handles.get(NemoEngine.SESSION))).isEqualTo(2);
		assertThat(this.handles).containsKeys(NemoEngine.EDIT_RETRIED, NemoEngine.TRACKS);
	}

	@Test
	void anAcceptedEditsPlanIsTheServicesReplyAsOneNote() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.engine.upload(item(video), this.journal);

		Plan plan = this.engine.edit(item(video), this.journal).plan();

		assertThat(plan.parts()).singleElement().satisfies((note) -> {
			assertThat(note.kind()).isEqualTo("note");
			assertThat(note.label()).startsWith("NemoVideo: ");
		});
		assertThat(plan.text()).startsWith("nemo: ").isEqualTo("nemo: " + plan.parts().get(0).label().substring(11));
		assertThat(plan.warnings()).isEmpty();
		assertThat(plan.measured()).isNull();
	}

	@Test
	void withoutRetryEditAMissingTrackFailsTheItemAndSendsNothing() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		nemo.server().editAddsMusic = false;
		this.engine.upload(item(video), this.journal);
		this.engine.edit(item(video), this.journal);
		assertThatThrownBy(() -> this.engine.verify(item(video), this.journal)).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("the assistant said: Done! Click Export");
		assertThat(nemo.server().calls("POST", "/run_sse")).hasSize(1);
	}

	@Test
	void anEditMessageRefusedWithARateLimitIsNotMarkedSentSoALaterAttemptMaySendIt() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.engine.upload(item(video), this.journal);
		nemo.server().rateLimitMatches = (request) -> request.getUrl().encodedPath().equals("/run_sse");
		nemo.server().rateLimited.set(1);
		assertThatThrownBy(() -> this.engine.edit(item(video), this.journal))
			.isInstanceOf(TransientEngineException.class)
			.hasMessageContaining("429");
		assertThat(this.handles).doesNotContainKey(NemoEngine.EDIT_SENT);
		assertThat(nemo.server().messagesTo(this.handles.get(NemoEngine.SESSION))).isZero();
		this.engine.edit(item(video), this.journal);
		assertThat(nemo.server().messagesTo(this.handles.get(NemoEngine.SESSION))).isEqualTo(1);
	}

	@Test
	void anEditMessageRefusedForCreditsStopsTheJobAndIsNotMarkedSent() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.engine.upload(item(video), this.journal);
		// the balance covers the check but the service refuses the charge
		nemo.server().balance.set(FakeNemoServer.EDIT_COST - 1);
		NemoProperties cheap = NemoTestSupport.fast(nemo.server().url(), Map.of("credits-per-item", "1"));
		NemoEngine engine = new NemoEngine(new NemoClient(cheap.client(), this.dir.resolve("state")), cheap, NO_OTHERS);
		assertThatThrownBy(() -> engine.edit(item(video), this.journal)).isInstanceOf(JobHaltException.class)
			.hasMessageContaining("2001");
		assertThat(this.handles).doesNotContainKey(NemoEngine.EDIT_SENT);
	}

	private WorkItem item(Path video) {
		return new WorkItem("job", "v1", video, "add music", null, this.dir.resolve("out/v1.mp4"), null, this.handles,
				0);
	}

}
