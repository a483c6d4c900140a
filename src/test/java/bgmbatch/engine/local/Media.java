package bgmbatch.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.FfmpegNumbers;

/** Makes tiny test clips with ffmpeg and measures what comes out, so tests judge the sound itself. */
final class Media {

	private static final CommandRunner RUNNER = new CommandRunner();

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	/** Speech-like sound: pink noise in the voice band, syllable-rate modulation, talking from 0-1 s and 2-3 s. */
	static final String SPEECH = "anoisesrc=d=3:c=pink:a=0.6:seed=7,lowpass=f=700,lowpass=f=700,lowpass=f=700,"
			+ "tremolo=f=4:d=0.5,volume='if(lt(t,1)+gte(t,2),1,0)':eval=frame";

	private Media() {
	}

	static String run(String... command) {
		CommandRunner.CommandResult result = RUNNER.run(List.of(command), TIMEOUT);
		if (!result.ok()) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + result.stderr());
		}
		return result.stdout() + result.stderr();
	}

	/** A 320x240 H.264 clip with the given audio source (lavfi), or none when null. */
	static Path video(Path file, double seconds, String audio) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
				"testsrc2=s=320x240:r=25:d=" + seconds));
		if (audio != null) {
			command.addAll(List.of("-f", "lavfi", "-i", audio));
		}
		command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25"));
		if (audio != null) {
			command.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-t", Double.toString(seconds)));
		}
		command.add(file.toString());
		run(command.toArray(String[]::new));
		return file;
	}

	/** An audio file from a lavfi source; the extension picks the codec. */
	static Path audio(Path file, String source) {
		run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", source, file.toString());
		return file;
	}

	/** Mean level in dB of the first audio stream between two times, after an optional filter. */
	static double meanVolume(Path file, double from, double to, String filter) {
		String chain = "atrim=" + from + ":" + to + (filter == null ? "" : "," + filter) + ",volumedetect";
		String log = run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-map", "0:a:0", "-af",
				chain, "-f", "null", "-");
		return last(Pattern.compile("mean_volume: (-?[\\d.]+|-inf) dB"), log);
	}

	/** Integrated loudness (LUFS) of the first audio stream, after an optional filter. */
	static double loudness(Path file, String filter) {
		String chain = (filter == null ? "" : filter + ",") + "ebur128";
		String log = run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-map", "0:a:0", "-af",
				chain, "-f", "null", "-");
		return last(Pattern.compile("I:\\s+(-?[\\d.]+|-inf) LUFS"), log);
	}

	static String videoHash(Path file) {
		return run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:v", "-c", "copy", "-f",
				"streamhash", "-").strip();
	}

	static double duration(Path file) {
		return FfmpegNumbers.number(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
				file.toString()).strip(), Double.NaN);
	}

	/** codec_name,codec_type of each stream, in order. */
	static List<String> streams(Path file) {
		return List.of(run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,codec_type", "-of", "csv=p=0",
				file.toString()).strip().split("\\R"));
	}

	private static double last(Pattern pattern, String log) {
		Matcher matcher = pattern.matcher(log);
		String value = null;
		while (matcher.find()) {
			value = matcher.group(1);
		}
		if (value == null) {
			throw new IllegalStateException("no measurement in: " + log);
		}
		return FfmpegNumbers.level(value);
	}

}
