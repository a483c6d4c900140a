package bgmbatch.media;

import java.util.Locale;

/**
 * Reads the numbers ffmpeg and ffprobe print, the one place that does. Their C printf
 * writes {@code nan}, {@code -nan}, {@code inf} and {@code -inf}, which Java's
 * {@link Double#parseDouble} rejects or reads differently: ebur128 prints {@code nan} for
 * a 400 ms block of digital silence and astats prints {@code -inf} dB, and an item whose
 * original was gated to silence between words used to fail on that. A level of silence
 * is negative infinity, so both read as silence; ffprobe's {@code N/A} reads as unknown.
 */
public final class FfmpegNumbers {

	private FfmpegNumbers() {
	}

	/**
	 * A level in dB, dBFS, dBTP or LUFS.
	 * @return negative infinity for silence ({@code nan}, {@code -nan}, {@code -inf})
	 * @throws NumberFormatException when the text is not a number ffmpeg prints
	 */
	public static double level(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "nan", "-nan", "+nan", "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
			case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
			default -> Double.parseDouble(value);
		};
	}

	/**
	 * A quantity such as a duration in seconds.
	 * @return the fallback when the text is absent, {@code N/A}, not finite or not a number
	 */
	public static double number(String text, double fallback) {
		if (text == null) {
			return fallback;
		}
		try {
			double value = Double.parseDouble(text.strip());
			return Double.isFinite(value) ? value : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
