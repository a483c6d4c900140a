package bgmbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.WorkItem;
import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaProbe;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputDeliveryInputDurationTest {

	@TempDir
	Path dir;

	private final CommandRunner runner = new CommandRunner();

	private Path clip;

	@BeforeEach
	void makeClip() {
		this.clip = Clips.video(this.dir.resolve("clip.mp4"), 2, true);
	}

	@Test
	void deliveryChecksAgainstTheRecordedInputDurationWithoutProbingTheInputAgain() throws Exception {
		WorkItem item = itemWithRecordedDuration("30.0");
		Files.copy(this.clip, item.partFile());
		OutputDelivery delivery = new OutputDelivery(new MediaProbe(this.runner), this.dir.resolve("out"));

		assertThatThrownBy(() -> delivery.deliver(item, (key, value) -> {
		})).isInstanceOf(ItemFailedException.class)
			.hasMessageContaining("the input lasts 30.00 s");
	}

	@Test
	void deliveryProbesTheInputWhenNoDurationWasRecorded() throws Exception {
		WorkItem item = itemWithRecordedDuration(null);
		Files.copy(this.clip, item.partFile());
		OutputDelivery delivery = new OutputDelivery(new MediaProbe(this.runner), this.dir.resolve("out"));

		delivery.deliver(item, (key, value) -> {
		});

		assertThat(item.output()).isRegularFile();
		assertThat(item.partFile()).doesNotExist();
	}

	private WorkItem itemWithRecordedDuration(String duration) throws Exception {
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Map<String, String> handles = duration == null ? Map.of() : Map.of(WorkItem.INPUT_DURATION, duration);
		return new WorkItem("job", "clip", this.clip, "", null, out.resolve("clip-out.mp4"), null, handles, 0);
	}

}
