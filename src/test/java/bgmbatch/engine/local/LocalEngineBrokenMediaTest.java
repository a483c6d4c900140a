package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.WorkItem;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Broken inputs are rejected with one line a person understands, before anything is rendered. */
class LocalEngineBrokenMediaTest {

	@TempDir
	Path dir;

	private ItemRejectedException rejection(Path video, Path music) {
		Harness harness = new Harness(this.dir.resolve("state"));
		return org.junit.jupiter.api.Assertions.assertThrows(ItemRejectedException.class,
				() -> harness.rendered(Harness.item(video, "", music, this.dir.resolve("out.mp4"))));
	}

	@Test
	void zeroByteVideoIsRejectedAsEmpty() throws IOException {
		Path video = Files.createFile(this.dir.resolve("empty.mp4"));
		assertThat(rejection(video, null)).hasMessage("the video empty.mp4 is empty (0 bytes)");
	}

	@Test
	void textRenamedToMp4IsRejectedAsNotMedia() throws IOException {
		Path video = Files.writeString(this.dir.resolve("notes.mp4"), "these are my notes, not a video\n");
		assertThat(rejection(video, null).getMessage()).startsWith("the video notes.mp4 is ")
			.doesNotContain("\n")
			.doesNotContain("0x");
	}

	@Test
	void mp4CutBeforeItsIndexIsRejectedAsIncomplete() throws IOException {
		Path whole = Clips.video(this.dir.resolve("whole.mp4"), 2, "sine=d=2");
		Path cut = this.dir.resolve("cut.mp4");
		byte[] bytes = Files.readAllBytes(whole);
		Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		assertThat(rejection(cut, null).getMessage()).startsWith("the video cut.mp4 is incomplete");
	}

	@Test
	void mp4CutAfterItsIndexIsRejectedAsTruncatedWithoutAnOutput() throws IOException {
		Path whole = this.dir.resolve("whole.mp4");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-f",
				"lavfi", "-i", "sine=d=2", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart", "-t", "2",
				whole.toString());
		Path cut = this.dir.resolve("cut.mp4");
		byte[] bytes = Files.readAllBytes(whole);
		Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		assertThat(rejection(cut, null).getMessage()).startsWith("the video cut.mp4 is truncated");
		assertThat(this.dir.resolve("out.mp4.part")).doesNotExist();
	}

	@Test
	void corruptMusicIsRejectedAtVerify() throws IOException {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 1, null);
		Path music = Files.write(this.dir.resolve("song.mp3"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
		assertThat(rejection(video, music).getMessage()).startsWith("the music song.mp3 is not a media file");
	}

	@Test
	void audioOnlyFileGivenAsVideoIsRejected() {
		Path audio = Clips.audio(this.dir.resolve("voice.mp4"), "sine=d=1");
		assertThat(rejection(audio, null)).hasMessage("the video voice.mp4 has no picture, only sound");
	}

	@Test
	void audioCodecMp4CannotHoldIsReencodedAnyway() {
		Path video = this.dir.resolve("pcm.mov");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-f",
				"lavfi", "-i", "sine=d=1", "-c:v", "libx264", "-c:a", "pcm_s24le", "-t", "1", video.toString());
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "", null, this.dir.resolve("out.mp4")));
		assertThat(Clips.streams(item.partFile())).containsExactly("h264,video", "aac,audio");
	}

	@Test
	void unknownMusicPathIsRejectedWithItsName() {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 1, null);
		assertThatExceptionOfType(ItemRejectedException.class)
			.isThrownBy(() -> new Harness(this.dir.resolve("state"))
				.rendered(Harness.item(video, "", this.dir.resolve("gone.mp3"), this.dir.resolve("out.mp4"))))
			.withMessage("the music gone.mp3 does not exist");
	}

}
