package bgmbatch.engine.local;

import java.nio.file.Path;

import bgmbatch.engine.WorkItem;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The render is judged by decoding what it wrote. The music in these tests is a steady
 * tone in a band of its own (the originals stay under 1 kHz), so filters can pull the
 * music and the original apart in the output and measure each.
 */
class LocalEngineSoundTest {

	/** The music alone: everything above 1.5 kHz (a 4 kHz tone loses 0.3 dB to it). */
	private static final String MUSIC_BAND = "highpass=f=1500,highpass=f=1500,highpass=f=1500";

	/** The original alone: everything under 1 kHz. */
	private static final String ORIGINAL_BAND = "lowpass=f=1000,lowpass=f=1000,lowpass=f=1000";

	@TempDir
	Path dir;

	@Test
	void fadeOutLeavesTheLastHalfSecondTwentyDecibelsUnderTheMiddle() {
		Path video = Clips.video(this.dir.resolve("silent.mp4"), 3, null);
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=2");
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "fade out over the last 1.5 seconds", music, this.dir.resolve("out.mp4")));
		double middle = Clips.meanVolume(item.partFile(), 0.5, 1.4, null);
		double end = Clips.meanVolume(item.partFile(), 2.5, 3.0, null);
		assertThat(item.plan().text()).contains("fade-out=1.5s").contains("original=none");
		assertThat(middle - end).isGreaterThanOrEqualTo(20);
	}

	@Test
	void musicSitsAtThePlannedFractionOfTheOriginal() {
		Path video = Clips.video(this.dir.resolve("talk.mp4"), 3, "sine=f=300:d=3,volume=-18dB");
		Path music = Clips.audio(this.dir.resolve("tone.mp3"), "sine=f=4000:d=2");
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "music at 30%, no fade", music, this.dir.resolve("out.mp4")));
		double musicLevel = Clips.loudness(item.partFile(), MUSIC_BAND);
		double originalLevel = Clips.loudness(item.partFile(), ORIGINAL_BAND);
		assertThat(item.plan().text()).contains("volume=30%");
		assertThat(musicLevel - originalLevel).isCloseTo(20 * Math.log10(0.30), within(2.0));
	}

	@Test
	void duckingDipsTheMusicSixDecibelsWhilePeopleTalk() {
		Path video = Clips.video(this.dir.resolve("talk.mp4"), 3, Clips.SPEECH);
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=3");
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "duck under speech, no fade", music, this.dir.resolve("out.mp4")));
		double duringSpeech = Clips.meanVolume(item.partFile(), 0.4, 0.95, MUSIC_BAND);
		double inThePause = Clips.meanVolume(item.partFile(), 1.6, 1.95, MUSIC_BAND);
		assertThat(item.plan().text()).contains("ducking=on");
		assertThat(inThePause - duringSpeech).isGreaterThanOrEqualTo(6);
	}

	@Test
	void mixReachesTheLoudnessTargetWithTheVideoUntouched() {
		Path video = Clips.video(this.dir.resolve("talk.mp4"), 3, Clips.SPEECH);
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "calm music, fade in", null, this.dir.resolve("out.mp4")));
		assertThat(item.plan().text()).contains("loudness=-14 LUFS").contains("video=copied").contains("built-in/calm");
		assertThat(Clips.loudness(item.partFile(), null)).isCloseTo(-14, within(1.0));
		assertThat(Clips.videoHash(item.partFile())).isEqualTo(Clips.videoHash(video));
		assertThat(Clips.duration(item.partFile())).isCloseTo(Clips.duration(video), within(0.1));
		assertThat(Clips.streams(item.partFile())).containsExactly("h264,video", "aac,audio");
	}

	@Test
	void broadcastMixReachesMinusTwentyThree() {
		Path video = Clips.video(this.dir.resolve("talk.mp4"), 3, "sine=f=300:d=3,volume=-30dB");
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=2");
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "music at 50% for broadcast, keep the voice clear", music,
					this.dir.resolve("out.mp4")));
		assertThat(item.plan().text()).contains("loudness=-23 LUFS").contains("ducking=on");
		assertThat(Clips.loudness(item.partFile(), null)).isCloseTo(-23, within(1.0));
	}

	@Test
	void replacingTheAudioLeavesNoTraceOfTheOriginal() {
		Path video = Clips.video(this.dir.resolve("talk.mp4"), 3, "sine=f=300:d=3");
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=2");
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "replace the audio", music, this.dir.resolve("out.mp4")));
		assertThat(item.plan().text()).contains("original=replaced");
		assertThat(Clips.loudness(item.partFile(), MUSIC_BAND) - Clips.loudness(item.partFile(), ORIGINAL_BAND))
			.isGreaterThan(40);
	}

	@Test
	void musicStartsWhereTheInstructionSays() {
		Path video = Clips.video(this.dir.resolve("silent.mp4"), 3, null);
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=2");
		WorkItem item = new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, "start the music at 0:01.5, no fade", music, this.dir.resolve("out.mp4")));
		assertThat(item.plan().text()).contains("music-time=1.5s-3s");
		assertThat(Clips.meanVolume(item.partFile(), 2.0, 2.9, null) - Clips.meanVolume(item.partFile(), 0.2, 1.3, null))
			.isGreaterThan(40);
	}

	@Test
	void shortMusicLoopsToCoverTheVideoUnlessAskedToPlayOnce() {
		Path video = Clips.video(this.dir.resolve("silent.mp4"), 3, null);
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=1");
		Harness harness = new Harness(this.dir.resolve("state"));
		WorkItem looped = harness.rendered(Harness.item(video, "no fade", music, this.dir.resolve("looped.mp4")));
		WorkItem once = harness.rendered(Harness.item(video, "play the music once, no fade", music,
				this.dir.resolve("once.mp4")));
		assertThat(once.plan().text()).contains("loop=off");
		double early = Clips.meanVolume(looped.partFile(), 0.2, 0.8, null);
		assertThat(Clips.meanVolume(looped.partFile(), 2.2, 2.8, null)).isCloseTo(early, within(1.0));
		assertThat(early - Clips.meanVolume(once.partFile(), 2.2, 2.8, null)).isGreaterThan(40);
	}

}
