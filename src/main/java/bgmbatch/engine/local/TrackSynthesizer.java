package bgmbatch.engine.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * Writes a short loop of real music, not a test tone: a chord progression on a soft pad,
 * a bass line on the roots, an arpeggio, and a drum pattern (kick, snare, hats). Each
 * mood has its own tempo, key, scale and progression. Notes that ring past the end wrap
 * round to the start, so the loop repeats without a seam. The generator is deterministic so
 * the same mood always gives the same track.
 */
public final class TrackSynthesizer {

	static final int SAMPLE_RATE = 48_000;

	private static final int BEATS_PER_BAR = 4;

	/**
	 * A mood's musical parameters.
	 *
	 * @param name the mood's name
	 * @param bpm tempo in beats per minute
	 * @param rootMidi the key's root note (MIDI number)
	 * @param minor whether the scale is minor
	 * @param progression scale degrees (0-based) of the chord of each bar
	 * @param drums 0 none, 1 soft (kick and hats), 2 full (kick, snare, hats)
	 * @param arpeggio whether an arpeggio plays eighth notes over the chords
	 */
	public record Mood(String name, int bpm, int rootMidi, boolean minor, int[] progression, int drums,
			boolean arpeggio) {

	}

	/** Bars of the loop: long enough not to sound like a jingle, short enough to generate in a blink. */
	private static final int BARS = 8;

	/**
	 * Writes the mood's loop as 16-bit stereo WAV, atomically.
	 */
	public void write(Mood mood, Path target) throws IOException {
		float[][] mix = render(mood);
		Files.createDirectories(target.getParent());
		Path part = target.resolveSibling(target.getFileName() + ".part");
		try (OutputStream out = Files.newOutputStream(part)) {
			out.write(wavHeader(mix[0].length));
			ByteBuffer buffer = ByteBuffer.allocate(mix[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < mix[0].length; i++) {
				buffer.putShort(pcm(mix[0][i]));
				buffer.putShort(pcm(mix[1][i]));
			}
			out.write(buffer.array());
		}
		Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	float[][] render(Mood mood) {
		double beat = 60.0 / mood.bpm();
		int length = (int) Math.round(BARS * BEATS_PER_BAR * beat * SAMPLE_RATE);
		float[][] mix = new float[2][length];
		SplittableRandom noise = new SplittableRandom(mood.name().hashCode());
		int[] scale = mood.minor() ? new int[] { 0, 2, 3, 5, 7, 8, 10 } : new int[] { 0, 2, 4, 5, 7, 9, 11 };
		for (int bar = 0; bar < BARS; bar++) {
			int degree = mood.progression()[bar % mood.progression().length];
			int[] chord = new int[3];
			for (int voice = 0; voice < 3; voice++) {
				int step = degree + 2 * voice;
				chord[voice] = mood.rootMidi() + scale[step % 7] + 12 * (step / 7);
			}
			int barStart = (int) (bar * BEATS_PER_BAR * beat * SAMPLE_RATE);
			int barLength = (int) (BEATS_PER_BAR * beat * SAMPLE_RATE);
			for (int voice = 0; voice < 3; voice++) {
				pad(mix, barStart, barLength, frequency(chord[voice]), voice);
			}
			for (int b = 0; b < BEATS_PER_BAR; b++) {
				int at = barStart + (int) (b * beat * SAMPLE_RATE);
				int beatLength = (int) (beat * SAMPLE_RATE);
				bass(mix, at, beatLength, frequency(chord[0] - 24 + (b == 3 ? 7 : 0)));
				if (mood.arpeggio()) {
					arpNote(mix, at, beatLength / 2, frequency(chord[(2 * b) % 3] + 12));
					arpNote(mix, at + beatLength / 2, beatLength / 2, frequency(chord[(2 * b + 1) % 3] + 12));
				}
				if (mood.drums() > 0) {
					if (b % 2 == 0) {
						kick(mix, at);
					}
					else if (mood.drums() > 1) {
						snare(mix, at, noise);
					}
					hat(mix, at + beatLength / 2, noise);
					if (mood.drums() > 1) {
						hat(mix, at, noise);
					}
				}
			}
		}
		normalize(mix);
		return mix;
	}

	private static double frequency(int midi) {
		return 440.0 * Math.pow(2, (midi - 69) / 12.0);
	}

	/** A soft pad: a few decaying harmonics with slow attack, voices spread across the stereo field. */
	private static void pad(float[][] mix, int start, int length, double freq, int voice) {
		double pan = 0.3 + 0.2 * voice;
		for (int i = 0; i < length; i++) {
			double t = (double) i / SAMPLE_RATE;
			double envelope = Math.min(1, t / 0.25) * Math.min(1, (length - i) / (0.1 * SAMPLE_RATE));
			double tone = Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t)
					+ 0.12 * Math.sin(6 * Math.PI * freq * t + 0.5);
			double value = 0.09 * envelope * tone;
			mix[0][(start + i) % mix[0].length] += (float) (value * (1 - pan));
			mix[1][(start + i) % mix[1].length] += (float) (value * pan);
		}
	}

	private static void bass(float[][] mix, int start, int length, double freq) {
		for (int i = 0; i < length; i++) {
			double t = (double) i / SAMPLE_RATE;
			double envelope = Math.exp(-3 * t) * Math.min(1, t / 0.005);
			double value = 0.22 * envelope * (Math.sin(2 * Math.PI * freq * t) + 0.25 * Math.sin(4 * Math.PI * freq * t));
			mix[0][(start + i) % mix[0].length] += (float) value;
			mix[1][(start + i) % mix[1].length] += (float) value;
		}
	}

	private static void arpNote(float[][] mix, int start, int length, double freq) {
		for (int i = 0; i < length; i++) {
			double t = (double) i / SAMPLE_RATE;
			double envelope = Math.exp(-6 * t) * Math.min(1, t / 0.003);
			double value = 0.07 * envelope * (Math.sin(2 * Math.PI * freq * t) + 0.5 * Math.sin(6 * Math.PI * freq * t));
			mix[0][(start + i) % mix[0].length] += (float) (value * 0.4);
			mix[1][(start + i) % mix[1].length] += (float) (value * 0.6);
		}
	}

	private static void kick(float[][] mix, int start) {
		double phase = 0;
		for (int i = 0; i < SAMPLE_RATE / 4; i++) {
			double t = (double) i / SAMPLE_RATE;
			phase += 2 * Math.PI * (50 + 100 * Math.exp(-30 * t)) / SAMPLE_RATE;
			double value = 0.5 * Math.exp(-12 * t) * Math.sin(phase);
			mix[0][(start + i) % mix[0].length] += (float) value;
			mix[1][(start + i) % mix[1].length] += (float) value;
		}
	}

	private static void snare(float[][] mix, int start, SplittableRandom noise) {
		for (int i = 0; i < SAMPLE_RATE / 6; i++) {
			double t = (double) i / SAMPLE_RATE;
			double value = Math.exp(-20 * t) * (0.18 * (noise.nextDouble() * 2 - 1) + 0.12 * Math.sin(2 * Math.PI * 190 * t));
			mix[0][(start + i) % mix[0].length] += (float) value;
			mix[1][(start + i) % mix[1].length] += (float) value;
		}
	}

	private static void hat(float[][] mix, int start, SplittableRandom noise) {
		double previous = 0;
		for (int i = 0; i < SAMPLE_RATE / 20; i++) {
			double t = (double) i / SAMPLE_RATE;
			double white = noise.nextDouble() * 2 - 1;
			double high = white - previous;
			previous = white;
			double value = 0.05 * Math.exp(-60 * t) * high;
			mix[0][(start + i) % mix[0].length] += (float) (value * 0.6);
			mix[1][(start + i) % mix[1].length] += (float) (value * 0.4);
		}
	}

	/** Peak at -3 dBFS: loud enough to mix, with room so nothing clips. */
	private static void normalize(float[][] mix) {
		float peak = 0;
		for (float[] channel : mix) {
			for (float sample : channel) {
				peak = Math.max(peak, Math.abs(sample));
			}
		}
		float gain = peak == 0 ? 1 : (float) (0.708 / peak);
		for (float[] channel : mix) {
			for (int i = 0; i < channel.length; i++) {
				channel[i] *= gain;
			}
		}
	}

	private static short pcm(float sample) {
		return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * Short.MAX_VALUE)));
	}

	private static byte[] wavHeader(int frames) {
		int dataBytes = frames * 4;
		ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
		header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
		header.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
		header.putShort((short) 1).putShort((short) 2).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 4);
		header.putShort((short) 4).putShort((short) 16);
		header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
		return header.array();
	}

}
