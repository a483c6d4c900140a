package bgmbatch.engine.local;

import java.nio.file.Path;

import bgmbatch.engine.SoundMeasurement;
import bgmbatch.engine.WorkItem;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The delivery spec on hard material: every output within 0.5 LU of its target and no
 * true peak above -1 dBTP, judged by decoding the output with two meters (ffmpeg's
 * ebur128 and loudgain, libebur128), as a broadcaster's delivery check would.
 */
class LocalEngineDeliveryTest {

	private static final double SECONDS = 12;

	@TempDir
	static Path shared;

	static Path speech;

	static Path music;

	@TempDir
	Path dir;

	@BeforeAll
	static void voices() {
		speech = Voices.speech(shared.resolve("speech.wav"), Voices.SENTENCE);
		music = Voices.music(shared.resolve("music.wav"), SECONDS);
	}

	@ParameterizedTest(name = "\"{0}\": {1} LUFS, no true peak over -1 dBTP")
	@CsvSource({ "add calm music, -14", "add calm music for broadcast, -23" })
	void quietSpeechWithNearFullScaleBurstsMeetsTheSpec(String instruction, double target) {
		Path original = Voices.withBursts(this.dir.resolve("original.wav"), speech, -30, SECONDS);
		Path video = Voices.clip(this.dir.resolve("bursts.mp4"), original, null, SECONDS, "aac");
		assertThat(Meters.samplePeak(video)).as("bursts near full scale").isGreaterThan(-1.5);
		assertMeetsSpec(render(video, instruction, music), target);
	}

	@ParameterizedTest(name = "an original at {0} LUFS lands on -14")
	@CsvSource({ "-8", "-35" })
	void loudAndQuietOriginalsLandOnTheTarget(double originalLufs) {
		Path source = originalLufs > -20 ? Voices.loudNoise(this.dir.resolve("loud.wav"), SECONDS) : speech;
		Path video = Voices.clip(this.dir.resolve("original.mp4"), source,
				Voices.toStereoLoudness(source, originalLufs), SECONDS, "aac");
		assertThat(Meters.integrated(video)).as("the original's loudness").isCloseTo(originalLufs, within(0.5));
		assertMeetsSpec(render(video, "add calm music", music), -14);
	}

	@Test
	void musicCorrelatedWithTheOriginalLandsOnTheTarget() {
		Path loop = Voices.drums(this.dir.resolve("drums.wav"), SECONDS);
		Path video = Voices.clip(this.dir.resolve("drums.mp4"), loop, null, SECONDS, "aac");
		// the same loop in both, in step: the two add up 2.7 dB louder than independent sounds would
		WorkItem item = render(video, "loud music, no fade", loop);
		assertMeetsSpec(item, -14);
	}

	@Test
	void originalGatedToDigitalSilenceBetweenWordsIsDelivered() {
		Path video = Voices.clip(this.dir.resolve("gated.mov"), speech,
				"volume='if(gt(mod(t,1.3),0.6),0,1)':eval=frame", SECONDS, "pcm_s16le");
		WorkItem item = render(video, "add calm music", music);
		assertThat(item.plan().text()).contains("| measured: original ");
		assertMeetsSpec(item, -14);
	}

	private WorkItem render(Path video, String instruction, Path musicFile) {
		return new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, instruction, musicFile, this.dir.resolve("out.mp4")));
	}

	private static void assertMeetsSpec(WorkItem item, double target) {
		Meters.Reading ffmpeg = Meters.ebur128(item.partFile());
		Meters.Reading loudgain = Meters.loudgain(item.partFile());
		System.out.printf("%s: ebur128 %.1f LUFS %.1f dBTP LRA %.1f; loudgain %.2f LUFS %.2f dBTP; plan: %s%n",
				item.video().getFileName(), ffmpeg.integratedLufs(), ffmpeg.truePeakDbtp(), ffmpeg.rangeLu(),
				loudgain.integratedLufs(), loudgain.truePeakDbtp(), item.plan().measured().text());
		assertThat(ffmpeg.integratedLufs()).as("integrated (ebur128)").isCloseTo(target, within(0.5));
		assertThat(ffmpeg.truePeakDbtp()).as("true peak (ebur128)").isLessThanOrEqualTo(-1.0);
		assertThat(loudgain.integratedLufs()).as("integrated (loudgain)").isCloseTo(target, within(0.5));
		assertThat(loudgain.truePeakDbtp()).as("true peak (loudgain)").isLessThanOrEqualTo(-1.0);
		SoundMeasurement recorded = SoundMeasurement.from(item.handles()).orElseThrow();
		assertThat(recorded.targetLufs()).isEqualTo(target);
		assertThat(recorded.integratedLufs()).isCloseTo(ffmpeg.integratedLufs(), within(0.15));
		assertThat(item.plan().text()).contains(String.format(java.util.Locale.ROOT, "output: integrated %.1f LUFS",
				recorded.integratedLufs()));
	}

}
