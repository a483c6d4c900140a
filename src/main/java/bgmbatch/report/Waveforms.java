package bgmbatch.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import bgmbatch.media.CommandRunner;

/**
 * Measures how loud a file's sound is along its length, for the before/after pictures:
 * the peak and RMS level (dBFS) of each of about {@link #WINDOWS} equal windows, by
 * ffmpeg's {@code astats}. Cheap on purpose: the video is never decoded ({@code -vn}),
 * and the numbers come back on stdout, with no file to clean up.
 */
final class Waveforms {

	/** Windows per file: a few per pixel column of the picture is enough for a peak to show. */
	static final int WINDOWS = 360;

	/**
	 * The rate the window size is chosen for. A file at another rate gets windows of another
	 * length, read back from the frames' times: cheaper than resampling every file.
	 */
	private static final int RATE = 48_000;

	private static final String FRAME_TIME = "pts_time:";

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final String PEAK = "lavfi.astats.Overall.Peak_level=";

	private static final String RMS = "lavfi.astats.Overall.RMS_level=";

	private final CommandRunner runner;

	Waveforms(CommandRunner runner) {
		this.runner = runner;
	}

	/** The levels of a file's first audio track over {@code seconds}, or empty when it has none or cannot be read. */
	Optional<Levels> levels(String media, double seconds) {
		long window = Math.max(1, (long) Math.ceil(RATE * seconds / WINDOWS));
		String filter = "aformat=sample_fmts=flt:channel_layouts=mono,asetnsamples=n=" + window
				+ ":p=0,astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=Peak_level+RMS_level,"
				+ "ametadata=mode=print:file='pipe\\:1'";
		CommandRunner.CommandResult result;
		try {
			result = this.runner.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-vn", "-sn", "-dn", "-i", media,
					"-map", "0:a:0", "-af", filter, "-f", "null", "-"), TIMEOUT);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		if (!result.ok()) {
			return Optional.empty();
		}
		Levels levels = Levels.parse(result.stdout(), window / (double) RATE, seconds);
		return levels.peak().length == 0 ? Optional.empty() : Optional.of(levels);
	}

	/**
	 * Levels along a file.
	 *
	 * @param peak the peak level of each window, dBFS (negative infinity for silence)
	 * @param rms the RMS level of each window, dBFS
	 * @param windowSeconds how long each window is
	 * @param seconds how long the file is taken to be: the picture's width
	 */
	record Levels(double[] peak, double[] rms, double windowSeconds, double seconds) {

		static Levels parse(String printed, double windowSeconds, double seconds) {
			List<Double> peaks = new ArrayList<>();
			List<Double> rms = new ArrayList<>();
			List<Double> times = new ArrayList<>();
			printed.lines().forEach((line) -> {
				if (line.startsWith(PEAK)) {
					peaks.add(decibels(line.substring(PEAK.length())));
				}
				else if (line.startsWith(RMS)) {
					rms.add(decibels(line.substring(RMS.length())));
				}
				else if (line.startsWith("frame:") && times.size() < 2) {
					int at = line.indexOf(FRAME_TIME);
					if (at >= 0) {
						// a frame's start time, in seconds: a number, or "-inf" read as not known
						times.add(decibels(line.substring(at + FRAME_TIME.length())));
					}
				}
			});
			int count = Math.min(peaks.size(), rms.size());
			double[] p = new double[count];
			double[] r = new double[count];
			for (int i = 0; i < count; i++) {
				p[i] = peaks.get(i);
				r[i] = rms.get(i);
			}
			double measured = times.size() == 2 ? times.get(1) - times.get(0) : 0;
			return new Levels(p, r, measured > 0 ? measured : windowSeconds, seconds);
		}

		private static double decibels(String text) {
			String value = text.strip().toLowerCase(Locale.ROOT);
			if (value.endsWith("inf") || value.equals("nan")) {
				return Double.NEGATIVE_INFINITY;
			}
			try {
				return Double.parseDouble(value);
			}
			catch (NumberFormatException ex) {
				return Double.NEGATIVE_INFINITY;
			}
		}

	}

}
