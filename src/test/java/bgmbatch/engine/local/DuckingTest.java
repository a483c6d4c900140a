package bgmbatch.engine.local;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DuckingTest {

	/** 50 ms frames: speech at -20 dBFS where a pattern says so, digital silence elsewhere. */
	private static double[] frames(String pattern) {
		double[] levels = new double[pattern.length()];
		for (int i = 0; i < levels.length; i++) {
			levels[i] = pattern.charAt(i) == '#' ? -20 : Double.NEGATIVE_INFINITY;
		}
		return levels;
	}

	@Test
	void gapsBetweenWordsShorterThanTheHoldStayOneSpan() {
		// words of 0.5 s with 0.2 s gaps, a 2 s pause, two more words
		String sentence = "##########....##########....##########";
		List<double[]> spans = Ducking.speech(frames(sentence + ".".repeat(40) + "##########....##########"));
		assertThat(spans).hasSize(2);
		assertThat(spans.get(0)[0]).isCloseTo(0, within(1e-9));
		assertThat(spans.get(0)[1]).isCloseTo(1.9, within(1e-9));
		assertThat(spans.get(1)[0]).isCloseTo(3.9, within(1e-9));
	}

	@Test
	void aClickIsNotSpeech() {
		assertThat(Ducking.speech(frames("....#......"))).isEmpty();
	}

	@Test
	void roomToneFarUnderTheVoiceDoesNotDuck() {
		double[] levels = frames("....##########........");
		Arrays.fill(levels, 0, 4, -50);
		Arrays.fill(levels, 14, levels.length, -50);
		List<double[]> spans = Ducking.speech(levels);
		assertThat(spans).hasSize(1);
		assertThat(spans.get(0)[0]).isCloseTo(0.2, within(1e-9));
	}

	@Test
	void musicIsFullyDownWhenTheFirstWordStartsAndBackAfterTheRelease() {
		Ducking ducking = Ducking.plan(frames(".".repeat(20) + "#".repeat(20) + ".".repeat(60)), 12, 5);
		// speech from 1.0 s to 2.0 s
		assertThat(10 * Math.log10(ducking.meanPower(0, 0.6))).isCloseTo(0, within(0.01));
		assertThat(10 * Math.log10(ducking.meanPower(1.0, 2.0))).isCloseTo(-12, within(0.01));
		assertThat(10 * Math.log10(ducking.meanPower(2.0 + Ducking.RELEASE_SECONDS, 4))).isCloseTo(0, within(0.01));
		assertThat(ducking.dips()).isEqualTo(1);
	}

}
