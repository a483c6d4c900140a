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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

	@TempDir
	Path dir;

	FakeNemoServer fake;

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
		this.fake = new FakeNemoServer(Files.createDirectories(this.dir.resolve("fake")));
		NemoProperties properties = NemoTestSupport.fast(this.fake.url());
		this.engine = new NemoEngine(new NemoClient(properties.client(), this.dir.resolve("state")), properties, NO_OTHERS);
	}

	@AfterEach
	void stop() throws IOException {
		this.fake.close();
	}

	@Test
	void anUnsupportedTypeIsSkippedBeforeAnythingIsUploadedOrPaid() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.flv"), "not really a video");
		assertThatThrownBy(() -> this.engine.upload(item(video), this.journal)).isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("4001")
			.hasMessageContaining(".flv");
		assertThat(this.fake.calls()).isEmpty();
	}

	@Test
	void aFileOver500MegabytesIsSkippedBeforeAnythingIsUploadedOrPaid() throws IOException {
		Path video = this.dir.resolve("huge.mp4");
		try (RandomAccessFile sparse = new RandomAccessFile(video.toFile(), "rw")) {
			sparse.setLength(FakeNemoServer.MAX_UPLOAD + 1);
		}
		assertThatThrownBy(() -> this.engine.upload(item(video), this.journal)).isInstanceOf(ItemRejectedException.class)
			.hasMessageContaining("4002");
		assertThat(this.fake.calls()).isEmpty();
	}

	@Test
	void tooFewCreditsForASessionStopTheJobSayingWhatIsNeededAndAvailable() throws IOException {
		this.fake.balance.set(30);
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		assertThatThrownBy(() -> this.engine.upload(item(video), this.journal)).isInstanceOf(JobHaltException.class)
			.hasMessageContaining("50 needed")
			.hasMessageContaining("30 available");
		assertThat(this.fake.sessions()).isEmpty();
	}

	@Test
	void aSessionLostBeforeTheUploadIsReplacedForThisItem() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.fake.sessionsLost.set(1);
		this.fake.sessionLossPath = "/api/upload-video";
		this.engine.upload(item(video), this.journal);
		assertThat(this.fake.calls("POST", "/api/tasks")).hasSize(2);
		assertThat(this.fake.sessions()).containsExactly(this.handles.get(NemoEngine.SESSION));
		assertThat(this.handles).containsKey(NemoEngine.FILE_URL);
	}

	@Test
	void retryEditSendsTheInstructionOnceMoreWhenTheDraftHasNoMusic() throws IOException {
		NemoProperties retrying = NemoTestSupport.fast(this.fake.url(), Map.of("retry-edit", "true"));
		NemoEngine engine = new NemoEngine(new NemoClient(retrying.client(), this.dir.resolve("state")), retrying, NO_OTHERS);
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.fake.editAddsMusic = false;
		engine.upload(item(video), this.journal);
		engine.edit(item(video), this.journal);
		this.fake.editAddsMusic = true;
		engine.verify(item(video), this.journal);
		assertThat(this.fake.messagesTo(this.handles.get(NemoEngine.SESSION))).isEqualTo(2);
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
		this.fake.editAddsMusic = false;
		this.engine.upload(item(video), this.journal);
		this.engine.edit(item(video), this.journal);
		assertThatThrownBy(() -> this.engine.verify(item(video), this.journal)).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("the assistant said: Done! Click Export");
		assertThat(this.fake.calls("POST", "/run_sse")).hasSize(1);
	}

	@Test
	void anEditMessageRefusedWithARateLimitIsNotMarkedSentSoALaterAttemptMaySendIt() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.engine.upload(item(video), this.journal);
		this.fake.rateLimitMatches = (request) -> request.getUrl().encodedPath().equals("/run_sse");
		this.fake.rateLimited.set(1);
		assertThatThrownBy(() -> this.engine.edit(item(video), this.journal))
			.isInstanceOf(TransientEngineException.class)
			.hasMessageContaining("429");
		assertThat(this.handles).doesNotContainKey(NemoEngine.EDIT_SENT);
		assertThat(this.fake.messagesTo(this.handles.get(NemoEngine.SESSION))).isZero();
		this.engine.edit(item(video), this.journal);
		assertThat(this.fake.messagesTo(this.handles.get(NemoEngine.SESSION))).isEqualTo(1);
	}

	@Test
	void anEditMessageRefusedForCreditsStopsTheJobAndIsNotMarkedSent() throws IOException {
		Path video = Files.writeString(this.dir.resolve("clip.mp4"), "bytes");
		this.engine.upload(item(video), this.journal);
		// the balance covers the check but the service refuses the charge
		this.fake.balance.set(FakeNemoServer.EDIT_COST - 1);
		NemoProperties cheap = NemoTestSupport.fast(this.fake.url(), Map.of("credits-per-item", "1"));
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
