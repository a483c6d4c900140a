package bgmbatch.engine.local;

import java.nio.file.Path;

import bgmbatch.engine.WorkItem;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every container and shape of input a user is likely to have, rendered and checked. */
class LocalEngineInputsTest {

	private static final String PICTURE = "testsrc2=s=320x240:r=25:d=2";

	private static final String SOUND = "sine=f=300:d=2";

	@TempDir
	Path dir;

	/** Shared so the built-in tracks are generated once for the class, as they are once per state folder. */
	@TempDir
	static Path state;

	private Path make(String name, String... codecs) {
		return Clips.lavfi(this.dir.resolve(name), PICTURE, SOUND, codecs);
	}

	@ParameterizedTest(name = "{0} becomes MP4 with the video {2}")
	@CsvSource({ "clip.mov, libx264 aac, copied", "clip.avi, mpeg4 libmp3lame, copied", "clip.mkv, libx264 flac, copied",
			"clip.webm, libvpx libvorbis, re-encoded (vp8 cannot go into MP4; libx264 CRF 20)" })
	void everyContainerBecomesAnMp4(String name, String codecs, String video) {
		String[] c = codecs.split(" ");
		Path input = make(name, "-c:v", c[0], "-c:a", c[1], "-t", "2");
		WorkItem item = new Harness(state)
			.rendered(Harness.item(input, "calm music", null, this.dir.resolve("out.mp4")));
		assertThat(item.plan().text()).contains("video=" + video);
		assertThat(Clips.streams(item.partFile())).containsExactly(
				(video.equals("copied") ? c[0].replace("libx264", "h264") : "h264") + ",video", "aac,audio");
		assertThat(Clips.duration(item.partFile())).isCloseTo(Clips.duration(input), within(0.1));
	}

	@Test
	void sameFormatKeepsWebmWithOpusAndCopiesTheVideo() {
		Path input = make("clip.webm", "-c:v", "libvpx", "-c:a", "libvorbis", "-t", "2");
		WorkItem item = new Harness(state)
			.rendered(Harness.item(input, "", null, this.dir.resolve("out.webm")));
		assertThat(item.plan().text()).contains("video=copied");
		assertThat(Clips.streams(item.partFile())).containsExactly("vp8,video", "opus,audio");
		assertThat(Clips.videoHash(item.partFile())).isEqualTo(Clips.videoHash(input));
	}

	@Test
	void theFirstOfSeveralAudioTracksIsMixedAndThePlanSaysSo() {
		Path input = this.dir.resolve("two-tracks.mkv");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", PICTURE, "-f", "lavfi", "-i", SOUND,
				"-f", "lavfi", "-i", "sine=f=500:d=2", "-map", "0", "-map", "1", "-map", "2", "-c:v", "libx264", "-c:a",
				"aac", "-t", "2", input.toString());
		WorkItem item = new Harness(state)
			.rendered(Harness.item(input, "", null, this.dir.resolve("out.mp4")));
		assertThat(item.plan().text()).contains("audio=first of 2 tracks");
		assertThat(Clips.streams(item.partFile())).containsExactly("h264,video", "aac,audio");
	}

	@Test
	void variableFrameRateVideoIsCopiedFrameForFrame() {
		Path input = this.dir.resolve("vfr.mp4");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=2", "-f",
				"lavfi", "-i", SOUND, "-vf", "select='not(between(n\\,10\\,30))'", "-fps_mode", "vfr", "-c:v", "libx264",
				"-c:a", "aac", "-t", "2", input.toString());
		WorkItem item = new Harness(state)
			.rendered(Harness.item(input, "", null, this.dir.resolve("out.mp4")));
		assertThat(Clips.videoHash(item.partFile())).isEqualTo(Clips.videoHash(input));
		assertThat(Clips.duration(item.partFile())).isCloseTo(Clips.duration(input), within(0.1));
	}

	@Test
	void portraitVideoIsScaledOnlyWhenAMaximumHeightAsksForIt() {
		Path input = this.dir.resolve("portrait.mp4");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=240x320:r=25:d=2", "-f",
				"lavfi", "-i", SOUND, "-c:v", "libx264", "-c:a", "aac", "-t", "2", input.toString());
		WorkItem kept = new Harness(state)
			.rendered(Harness.item(input, "", null, this.dir.resolve("kept.mp4")));
		assertThat(kept.plan().text()).contains("video=copied");
		WorkItem scaled = new Harness(state, null, 160)
			.rendered(Harness.item(input, "", null, this.dir.resolve("scaled.mp4")));
		assertThat(scaled.plan().text()).contains("video=re-encoded (scaled down to 160p as max-height asks; libx264 CRF 20)");
		assertThat(Clips.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
				"-of", "csv=p=0", scaled.partFile().toString()).strip()).isEqualTo("120,160");
	}

}
