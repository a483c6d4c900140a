package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The music's gain over time when it ducks under speech, computed from the analysis
 * pass's speech activity instead of a compressor reacting to the signal as it plays.
 * Knowing the whole track in advance lets the dip start before the first word (look-ahead)
 * and stay down through the short gaps between words (hold), so the music does not pump:
 * a sidechain compressor with a 300 ms release brought the music back to within 3 dB of
 * full level in every 0.2 s gap between words (measured on main, issue 12). The result is
 * deterministic, and the same curve predicts the mix's loudness.
 * <p>
 * The curve is written as 32-bit floats at {@link #RATE} samples per second; ffmpeg
 * resamples it to the audio rate and multiplies the music by it ({@code amultiply}).
 */
final class Ducking {

	/** Speech activity is read in 50 ms frames: short enough to find a word's start, long enough to be stable. */
	static final double FRAME_SECONDS = 0.05;

	static final int FRAME_SAMPLES = 2400;

	/** The curve's sample rate: 1 ms steps, smooth once resampled, 4 KB per second of video. */
	static final int RATE = 1000;

	/** The dip starts this long before speech and is fully down when the first word starts. */
	static final double LOOK_AHEAD_SECONDS = 0.3;

	/** Gaps in speech shorter than this (between words, a breath) keep the music down. */
	static final double HOLD_SECONDS = 0.6;

	/** How long the music takes to come back up after the talking stops. */
	static final double RELEASE_SECONDS = 0.8;

	/** A frame is speech when it is within this many dB of the original's speech level. */
	static final double SPEECH_RANGE_DB = 15;

	/** Frames quieter than this are silence, whatever the speech level (BS.1770's absolute gate). */
	private static final double SILENCE_DB = -70;

	/** A burst shorter than this (a click, a tap) is not speech and does not duck the music. */
	private static final double SHORTEST_SPEECH_SECONDS = 0.1;

	private final float[] gain;

	private final List<double[]> spans;

	private Ducking(float[] gain, List<double[]> spans) {
		this.gain = gain;
		this.spans = spans;
	}

	/**
	 * @param frameLevels the original's level (dBFS) in each 50 ms frame, negative infinity for silence
	 * @param depthDb how far the music dips while people talk
	 * @param seconds how long the curve must last
	 */
	static Ducking plan(double[] frameLevels, double depthDb, double seconds) {
		List<double[]> spans = speech(frameLevels);
		float[] gain = new float[(int) Math.ceil(seconds * RATE) + RATE];
		double[] amount = new double[gain.length];
		for (double[] span : spans) {
			int dipStart = (int) Math.floor((span[0] - LOOK_AHEAD_SECONDS) * RATE);
			int down = (int) Math.round(span[0] * RATE);
			int up = (int) Math.round(span[1] * RATE);
			int back = (int) Math.ceil((span[1] + RELEASE_SECONDS) * RATE);
			for (int i = Math.max(0, dipStart); i < Math.min(amount.length, back); i++) {
				double a = i < down ? smooth((double) (i - dipStart) / (down - dipStart))
						: i <= up ? 1 : 1 - smooth((double) (i - up) / (back - up));
				amount[i] = Math.max(amount[i], a);
			}
		}
		for (int i = 0; i < gain.length; i++) {
			gain[i] = (float) Math.pow(10, -depthDb * amount[i] / 20);
		}
		return new Ducking(gain, List.copyOf(spans));
	}

	/** Where people talk, in seconds: frames near the speech level, short gaps closed, clicks left out. */
	static List<double[]> speech(double[] frameLevels) {
		double threshold = speechLevel(frameLevels) - SPEECH_RANGE_DB;
		List<double[]> spans = new ArrayList<>();
		double[] open = null;
		for (int i = 0; i < frameLevels.length; i++) {
			if (frameLevels[i] < threshold || frameLevels[i] <= SILENCE_DB) {
				continue;
			}
			double start = i * FRAME_SECONDS;
			double end = start + FRAME_SECONDS;
			if (open != null && start - open[1] < HOLD_SECONDS) {
				open[1] = end;
			}
			else {
				open = new double[] { start, end };
				spans.add(open);
			}
		}
		spans.removeIf((span) -> span[1] - span[0] < SHORTEST_SPEECH_SECONDS);
		return spans;
	}

	/**
	 * The level people talk at: the power mean of the frames that are not silence, taken
	 * again over the frames within 10 dB of that (BS.1770's gating, on short frames), so
	 * pauses and room tone do not pull it down.
	 */
	private static double speechLevel(double[] frameLevels) {
		double ungated = powerMean(frameLevels, SILENCE_DB);
		return Double.isFinite(ungated) ? powerMean(frameLevels, Math.max(SILENCE_DB, ungated - 10))
				: Double.POSITIVE_INFINITY;
	}

	private static double powerMean(double[] levels, double above) {
		double sum = 0;
		int count = 0;
		for (double level : levels) {
			if (level > above) {
				sum += Math.pow(10, level / 10);
				count++;
			}
		}
		return count == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / count);
	}

	/** A smooth step from 0 to 1 (raised cosine): no corner for the ear to catch. */
	private static double smooth(double x) {
		double t = Math.max(0, Math.min(1, x));
		return 0.5 - 0.5 * Math.cos(Math.PI * t);
	}

	/** The mean power gain between two times: scales the music's measured blocks to predict the mix. */
	double meanPower(double fromSeconds, double toSeconds) {
		int from = Math.max(0, (int) Math.round(fromSeconds * RATE));
		int to = Math.min(this.gain.length, (int) Math.round(toSeconds * RATE));
		if (to <= from) {
			return 1;
		}
		double sum = 0;
		for (int i = from; i < to; i++) {
			sum += (double) this.gain[i] * this.gain[i];
		}
		return sum / (to - from);
	}

	/** How many times the music dips, and for how long in all: for the plan. */
	int dips() {
		return this.spans.size();
	}

	double duckedSeconds() {
		return this.spans.stream().mapToDouble((span) -> span[1] - span[0]).sum();
	}

	/** Writes the curve as little-endian 32-bit floats, mono, {@link #RATE} per second. */
	void write(Path file) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(this.gain.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float g : this.gain) {
			bytes.putFloat(g);
		}
		Files.write(file, bytes.array());
	}

}
