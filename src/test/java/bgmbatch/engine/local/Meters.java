package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bgmbatch.media.FfmpegNumbers;
import bgmbatch.support.Clips;

/**
 * Meters the tests judge outputs with, independent of the engine's code: ffmpeg's
 * ebur128 (BS.1770-4, true peak 4× oversampled) on the decoded file, loudgain (libebur128)
 * as a second meter, and short-window levels for the ducking.
 */
final class Meters {

	private Meters() {
	}

	/**
	 * @param integratedLufs integrated loudness
	 * @param truePeakDbtp true peak
	 * @param rangeLu loudness range
	 */
	record Reading(double integratedLufs, double truePeakDbtp, double rangeLu) {

	}

	/** ffmpeg's ebur128 with true peak on the first audio stream. */
	static Reading ebur128(Path file) {
		String log = Clips.run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-map", "0:a:0",
				"-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-");
		String summary = log.substring(log.lastIndexOf("Summary:"));
		return new Reading(value("I:\\s+(\\S+) LUFS", summary), value("Peak:\\s+(\\S+) dBFS", summary),
				value("LRA:\\s+(\\S+) LU", summary));
	}

	static double integrated(Path file) {
		return ebur128(file).integratedLufs();
	}

	/**
	 * loudgain (libebur128, a second implementation of BS.1770-4) on the file: integrated
	 * loudness and true peak, from its tab-separated list.
	 */
	static Reading loudgain(Path file) {
		String out = Clips.run("loudgain", "-q", "-O", file.toString());
		String[] rows = out.strip().split("\\R");
		String[] fields = rows[rows.length - 1].split("\t");
		return new Reading(FfmpegNumbers.level(fields[1].replace("LUFS", "")),
				FfmpegNumbers.level(fields[4].replace("dBTP", "")), FfmpegNumbers.level(fields[2].replace("dB", "")));
	}

	/** The largest sample of the first audio stream, dBFS. */
	static double samplePeak(Path file) {
		String log = Clips.run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-map", "0:a:0",
				"-af", "astats=measure_perchannel=none:measure_overall=Peak_level", "-f", "null", "-");
		return value("Peak level dB:\\s+(\\S+)", log);
	}

	/** The RMS level (dB) of every 50 ms window of the first audio stream, after a filter. */
	static double[] windows(Path file, String filter) {
		String log = Clips.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:a:0", "-af",
				filter + ",asetnsamples=n=2400:p=0,astats=metadata=1:reset=1:measure_perchannel=none"
						+ ":measure_overall=RMS_level,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=-",
				"-f", "null", "-");
		return log.lines()
			.filter((l) -> l.startsWith("lavfi.astats.Overall.RMS_level="))
			.mapToDouble((l) -> FfmpegNumbers.level(l.substring(l.indexOf('=') + 1)))
			.toArray();
	}

	/** The windows between two times (window i covers i × 50 ms onward). */
	static double[] between(double[] windows, double from, double to) {
		return Arrays.copyOfRange(windows, (int) Math.ceil(from / 0.05), (int) Math.floor(to / 0.05));
	}

	/** The p-th percentile (0-100) of some levels. */
	static double percentile(double[] levels, double p) {
		double[] sorted = levels.clone();
		Arrays.sort(sorted);
		int index = (int) Math.round(p / 100 * (sorted.length - 1));
		return sorted[index];
	}

	private static double value(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		String found = null;
		while (matcher.find()) {
			found = matcher.group(1);
		}
		if (found == null) {
			throw new IllegalStateException("no " + regex + " in: " + text);
		}
		return FfmpegNumbers.level(found);
	}

}
