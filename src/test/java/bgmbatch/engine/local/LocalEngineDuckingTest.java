package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.List;

import bgmbatch.engine.WorkItem;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ducking judged on the decoded output: two sentences of half-second words with 0.2 s
 * gaps, a pause between them, and a steady 4 kHz tone as the music, so the music's level
 * can be read alone in 50 ms windows (the speech is kept under 1 kHz).
 */
class LocalEngineDuckingTest {

	/** The music alone: everything above 1.5 kHz. */
	private static final String MUSIC_BAND = "highpass=f=1500,highpass=f=1500,highpass=f=1500";

	private static final double FIRST_SENTENCE = 1.5;

	/** Six words of 0.7 s (0.5 s word + 0.2 s gap): the last word ends 0.2 s before this. */
	private static final double FIRST_END = FIRST_SENTENCE + 6 * 0.7 - 0.2;

	private static final double SECOND_SENTENCE = 8.2;

	private static final double SECONDS = 12.5;

	@TempDir
	static Path shared;

	static Path video;

	static Path music;

	@TempDir
	Path dir;

	@BeforeAll
	static void sentences() {
		Path first = Voices.words(shared.resolve("first.wav"),
				List.of("morning", "people", "usually", "travel", "quickly", "downtown"));
		Path second = Voices.words(shared.resolve("second.wav"), List.of("evening", "trains", "arrive", "very", "late"));
		Path speech = shared.resolve("speech.wav");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", first.toString(), "-i", second.toString(),
				"-filter_complex", "[0:a]adelay=" + Math.round(FIRST_SENTENCE * 1000) + "[a];[1:a]adelay="
						+ Math.round(SECOND_SENTENCE * 1000) + "[b];[a][b]amix=inputs=2:normalize=0:duration=longest,"
						+ "lowpass=f=1000,lowpass=f=1000,lowpass=f=1000",
				speech.toString());
		video = Voices.clip(shared.resolve("talk.mp4"), speech, Voices.toStereoLoudness(speech, -20), SECONDS, "aac");
		music = Clips.audio(shared.resolve("tone.wav"), "sine=f=4000:d=" + SECONDS);
	}

	@Test
	void musicStaysDownThroughASentenceAndComesBackInThePause() {
		WorkItem item = render("duck under speech, no fade");
		double[] windows = Meters.windows(item.partFile(), MUSIC_BAND);
		double[] sentence = Meters.between(windows, FIRST_SENTENCE, FIRST_END);
		double[] pause = Meters.between(windows, FIRST_END + 1.2, SECOND_SENTENCE - 0.4);
		double spread = Meters.percentile(sentence, 90) - Meters.percentile(sentence, 10);
		double under = Meters.percentile(pause, 50) - Meters.percentile(sentence, 90);
		System.out.printf("ducking: sentence p10-p90 %.2f dB, %.1f dB under the pause; plan: %s%n", spread, under,
				item.plan().measured().text());
		assertThat(item.plan().text()).contains("ducking=on (-12 dB)").contains("ducked 2 times");
		assertThat(spread).as("music level inside a sentence, p90 - p10 over 50 ms windows").isLessThanOrEqualTo(4);
		assertThat(under).as("music in the sentence under its level in the pause").isGreaterThanOrEqualTo(6);
	}

	@Test
	void dipStartsBeforeTheFirstWordAndFollowsTheInstructionsDepth() {
		WorkItem item = render("duck the music under speech by 20 dB, no fade");
		double[] windows = Meters.windows(item.partFile(), MUSIC_BAND);
		double before = Meters.percentile(Meters.between(windows, 0.3, 1.0), 50);
		double justBefore = Meters.between(windows, FIRST_SENTENCE - 0.05, FIRST_SENTENCE)[0];
		double sentence = Meters.percentile(Meters.between(windows, FIRST_SENTENCE, FIRST_END), 50);
		System.out.printf("ducking by 20 dB: %.1f dB down in the 50 ms before the first word, %.1f dB in the sentence%n",
				before - justBefore, before - sentence);
		assertThat(item.plan().text()).contains("ducking=on (-20 dB)");
		assertThat(before - justBefore).as("dip down in the 50 ms before the first word").isGreaterThanOrEqualTo(6);
		assertThat(before - sentence).as("depth").isCloseTo(20, within(2.0));
	}

	private WorkItem render(String instruction) {
		return new Harness(this.dir.resolve("state"))
			.rendered(Harness.item(video, instruction, music, this.dir.resolve("out.mp4")));
	}

}
