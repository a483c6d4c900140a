package bgmbatch.engine.local;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoudnessTest {

	private static double[] blocks(double lufs, int count) {
		double[] energies = new double[count];
		Arrays.fill(energies, Loudness.energy(lufs));
		return energies;
	}

	@Test
	void steadySoundMeasuresAtItsLevel() {
		assertThat(Loudness.integrated(blocks(-20, 50))).isCloseTo(-20, within(1e-9));
	}

	@Test
	void silenceAndQuietBlocksAreGatedOut() {
		double[] talk = blocks(-20, 30);
		double[] pauses = blocks(-45, 30);
		double[] silence = new double[30];
		double[] all = new double[90];
		System.arraycopy(talk, 0, all, 0, 30);
		System.arraycopy(pauses, 0, all, 30, 30);
		System.arraycopy(silence, 0, all, 60, 30);
		assertThat(Loudness.integrated(all)).isCloseTo(-20, within(1e-9));
		assertThat(Loudness.integrated(silence)).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void twoEqualIndependentSoundsAddThreeDecibels() {
		double[] mix = Loudness.sum(blocks(-20, 40), blocks(-26, 40), Math.pow(10, 6 / 20.0));
		assertThat(Loudness.integrated(mix)).isCloseTo(-20 + 10 * Math.log10(2), within(1e-9));
	}

}
