package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import bgmbatch.media.FfmpegNumbers;

/**
 * ITU-R BS.1770 integrated loudness from the 400 ms block loudness values ffmpeg's
 * ebur128 filter reports every 100 ms. Working on blocks rather than on one number lets
 * the engine predict the loudness of a mix from its parts: the K-weighted energies of
 * independent sounds add block by block, so the mix of the original and the music at any
 * gain is known without rendering it.
 */
final class Loudness {

	/** Blocks quieter than this are silence and never count (BS.1770 absolute gate). */
	static final double ABSOLUTE_GATE = -70;

	/** Blocks more than this under the ungated level do not count (BS.1770 relative gate). */
	static final double RELATIVE_GATE = 10;

	static final String KEY = "lavfi.r128.M=";

	/** ebur128's running largest sample (linear), printed with each block when asked for sample peaks. */
	static final String PEAK_KEY = "lavfi.r128.sample_peak=";

	private Loudness() {
	}

	/**
	 * What one analysis tap recorded.
	 *
	 * @param energies the K-weighted energy of each 400 ms block, one every 100 ms
	 * @param peakDb the largest sample in dBFS, negative infinity for silence
	 */
	record Tap(double[] energies, double peakDb) {

		static Tap silent() {
			return new Tap(new double[0], Double.NEGATIVE_INFINITY);
		}

	}

	/** The block energies and the largest sample ffmpeg's ametadata printed into a file. */
	static Tap read(Path tap) {
		try {
			List<String> lines = Files.readAllLines(tap);
			double[] energies = lines.stream()
				.filter((l) -> l.startsWith(KEY))
				.mapToDouble((l) -> energy(FfmpegNumbers.level(l.substring(KEY.length()))))
				.toArray();
			double peak = lines.stream()
				.filter((l) -> l.startsWith(PEAK_KEY))
				.mapToDouble((l) -> FfmpegNumbers.level(l.substring(PEAK_KEY.length())))
				.max()
				.orElse(0);
			return new Tap(energies, peak > 0 ? 20 * Math.log10(peak) : Double.NEGATIVE_INFINITY);
		}
		catch (IOException | NumberFormatException ex) {
			throw new IllegalStateException("cannot read the loudness measurement " + tap.getFileName(), ex);
		}
	}

	/** Values of one key ametadata printed into a file, as levels (silence is negative infinity). */
	static double[] readLevels(Path file, String key) {
		try {
			return Files.readAllLines(file).stream()
				.filter((l) -> l.startsWith(key))
				.mapToDouble((l) -> FfmpegNumbers.level(l.substring(key.length())))
				.toArray();
		}
		catch (IOException | NumberFormatException ex) {
			throw new IllegalStateException("cannot read the measurement " + file.getFileName(), ex);
		}
	}

	static double energy(double lufs) {
		return Double.isFinite(lufs) ? Math.pow(10, (lufs + 0.691) / 10) : 0;
	}

	static double lufs(double energy) {
		return energy <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(energy);
	}

	/** Integrated loudness in LUFS, negative infinity for silence. */
	static double integrated(double[] energies) {
		double sum = 0;
		int count = 0;
		for (double e : energies) {
			if (lufs(e) > ABSOLUTE_GATE) {
				sum += e;
				count++;
			}
		}
		if (count == 0) {
			return Double.NEGATIVE_INFINITY;
		}
		double relativeGate = lufs(sum / count) - RELATIVE_GATE;
		double gated = 0;
		int kept = 0;
		for (double e : energies) {
			double l = lufs(e);
			if (l > ABSOLUTE_GATE && l > relativeGate) {
				gated += e;
				kept++;
			}
		}
		return lufs(gated / kept);
	}

	/** The block energies of two independent sounds played together, the second at a gain. */
	static double[] sum(double[] first, double[] second, double secondGain) {
		int length = Math.max(first.length, second.length);
		double[] mix = new double[length];
		double power = secondGain * secondGain;
		for (int i = 0; i < length; i++) {
			mix[i] = (i < first.length ? first[i] : 0) + power * (i < second.length ? second[i] : 0);
		}
		return mix;
	}

}
