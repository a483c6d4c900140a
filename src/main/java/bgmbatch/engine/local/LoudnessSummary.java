package bgmbatch.engine.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bgmbatch.media.FfmpegNumbers;

/**
 * The summary ffmpeg's ebur128 filter logs at the end of a pass: the BS.1770-4 figures of
 * the whole signal. With {@code peak=true} the peak is the true peak, 4× oversampled.
 * Several meters in one graph are told apart by their instance names
 * ({@code ebur128@out}).
 *
 * @param integratedLufs integrated loudness; -70 (the absolute gate) or lower means silence
 * @param rangeLu loudness range
 * @param truePeakDbtp true peak, NaN when the meter did not measure it
 */
record LoudnessSummary(double integratedLufs, double rangeLu, double truePeakDbtp) {

	private static final Pattern INTEGRATED = Pattern.compile("\\bI:\\s+(\\S+) LUFS");

	private static final Pattern RANGE = Pattern.compile("\\bLRA:\\s+(\\S+) LU\\b");

	private static final Pattern PEAK = Pattern.compile("\\bPeak:\\s+(\\S+) dBFS");

	/**
	 * @param log what ffmpeg wrote on stderr (at least the end of it)
	 * @param instance the meter's instance name, e.g. {@code ebur128@out}
	 * @throws IllegalStateException when the log holds no summary of that meter
	 */
	static LoudnessSummary parse(String log, String instance) {
		int start = log.lastIndexOf("[" + instance + " @ ");
		if (start < 0) {
			throw new IllegalStateException("ffmpeg printed no loudness summary for " + instance);
		}
		String summary = log.substring(start);
		int next = summary.indexOf("\n[", 1);
		if (next > 0) {
			summary = summary.substring(0, next);
		}
		return new LoudnessSummary(value(INTEGRATED, summary), value(RANGE, summary), peak(summary));
	}

	private static double value(Pattern pattern, String summary) {
		Matcher matcher = pattern.matcher(summary);
		if (!matcher.find()) {
			throw new IllegalStateException("ffmpeg's loudness summary lacks " + pattern.pattern());
		}
		return FfmpegNumbers.level(matcher.group(1));
	}

	private static double peak(String summary) {
		Matcher matcher = PEAK.matcher(summary);
		return matcher.find() ? FfmpegNumbers.level(matcher.group(1)) : Double.NaN;
	}

}
