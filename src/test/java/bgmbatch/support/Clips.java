package bgmbatch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.FfmpegNumbers;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' one clip maker: tiny media files made with ffmpeg, manifests over them, and
 * the measurements that let tests judge what came out (the sound itself, the video
 * stream's packets, what every delivered file must be).
 */
public final class Clips {

	/** Speech-like sound: pink noise in the voice band, syllable-rate modulation, talking from 0-1 s and 2-3 s. */
	public static final String SPEECH = "anoisesrc=d=3:c=pink:a=0.6:seed=7,lowpass=f=700,lowpass=f=700,lowpass=f=700,"
			+ "tremolo=f=4:d=0.5,volume='if(lt(t,1)+gte(t,2),1,0)':eval=frame";

	private static final CommandRunner RUNNER = new CommandRunner();

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private Clips() {
	}

	/** A 320x240 25 fps H.264 clip with the given audio source (lavfi), or none when null: for judging sound. */
	public static Path video(Path file, double seconds, String audio) {
		return video(file, seconds, audio, "320x240", 25);
	}

	/**
	 * A 160x120 15 fps H.264 clip with a 440 Hz tone as its sound, or silent (no audio
	 * stream) when not {@code withAudio}: the cheapest input a job can take.
	 */
	public static Path video(Path file, double seconds, boolean withAudio) {
		return video(file, seconds, withAudio ? "sine=frequency=440:duration=" + seconds : null, "160x120", 15);
	}

	private static Path video(Path file, double seconds, String audio, String size, int rate) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
				"testsrc2=s=" + size + ":r=" + rate + ":d=" + seconds));
		if (audio != null) {
			command.addAll(List.of("-f", "lavfi", "-i", audio));
		}
		command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g",
				Integer.toString(rate)));
		if (audio != null) {
			command.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-t", Double.toString(seconds)));
		}
		command.add(file.toString());
		return ffmpeg(command, file);
	}

	/**
	 * A clip of a lavfi picture and sound with the given output options (codecs, flags): the
	 * shapes of input a user may have, e.g. {@code lavfi(file, "testsrc2=s=320x240:r=25:d=2",
	 * "sine=d=2", "-c:v", "mpeg4", "-c:a", "libmp3lame")}; the extension picks the container.
	 */
	public static Path lavfi(Path file, String picture, String sound, String... options) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
				picture, "-f", "lavfi", "-i", sound));
		command.addAll(List.of(options));
		command.add(file.toString());
		return ffmpeg(command, file);
	}

	/** An audio file from a lavfi source; the extension picks the codec. */
	public static Path audio(Path file, String source) {
		return ffmpeg(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", source, file.toString()),
				file);
	}

	/** Runs an ffmpeg command that must succeed and make {@code file}. */
	public static Path ffmpeg(List<String> command, Path file) {
		CommandRunner.CommandResult result = RUNNER.run(command, TIMEOUT);
		assertThat(result.ok()).as("ffmpeg made %s: %s", file, result.stderr()).isTrue();
		return file;
	}

	/** Runs a command that must succeed; its stdout and stderr together. */
	public static String run(String... command) {
		CommandRunner.CommandResult result = RUNNER.run(List.of(command), TIMEOUT);
		if (!result.ok()) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + result.stderr());
		}
		return result.stdout() + result.stderr();
	}

	/** Copies of one clip under other names: the job sees distinct items, ffmpeg runs once. */
	public static List<Path> copies(Path clip, Path folder, int count) throws IOException {
		List<Path> copies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			copies.add(Files.copy(clip, folder.resolve(String.format("clip-%02d.mp4", i))));
		}
		return copies;
	}

	/**
	 * A manifest {@code folder/videos.csv} of {@code items} copies of the clip (in
	 * {@code folder/in/}), row i with id {@code item-i} and output {@code out-i.mp4}.
	 */
	public static Path manifest(Path folder, Path clip, int items, String instruction) throws IOException {
		Path inputs = Files.createDirectories(folder.resolve("in"));
		StringBuilder csv = new StringBuilder("video,instruction,output,id\n");
		List<Path> videos = copies(clip, inputs, items);
		for (int i = 0; i < items; i++) {
			csv.append("in/").append(videos.get(i).getFileName()).append(',').append(instruction).append(",out-")
				.append(i).append(".mp4,item-").append(i).append('\n');
		}
		return Files.writeString(folder.resolve("videos.csv"), csv);
	}

	/**
	 * The .mp4 files in a folder and their identity (device and inode): an output made
	 * again is a new file, so a changed identity is a second delivery. Empty when the
	 * folder does not exist yet.
	 */
	public static Map<String, Object> outputs(Path folder) throws IOException {
		Map<String, Object> keys = new HashMap<>();
		if (!Files.isDirectory(folder)) {
			return keys;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().endsWith(".mp4")).toList()) {
				keys.put(file.getFileName().toString(),
						Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
			}
		}
		return keys;
	}

	public static MediaInfo probe(Path file) {
		return new MediaProbe(RUNNER).probe(file);
	}

	/** What OutputDelivery promises of every delivered file, checked independently. */
	public static void assertValidOutput(Path output, double seconds) {
		MediaInfo info = probe(output);
		assertThat(info.videoStreams()).as("video streams of %s", output).hasSize(1);
		assertThat(info.audioStreams()).as("audio streams of %s", output).hasSize(1);
		assertThat(info.durationSeconds()).as("duration of %s", output).isCloseTo(seconds,
				org.assertj.core.data.Offset.offset(0.5));
	}

	/** A hash of the video stream's packets: equal hashes mean the video was copied bit for bit. */
	public static String videoHash(Path file) {
		return run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:v", "-c", "copy", "-f",
				"streamhash", "-hash", "sha256", "-").strip();
	}

	/** Mean level in dB of the first audio stream between two times, after an optional filter. */
	public static double meanVolume(Path file, double from, double to, String filter) {
		String chain = "atrim=" + from + ":" + to + (filter == null ? "" : "," + filter) + ",volumedetect";
		String log = run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-map", "0:a:0", "-af",
				chain, "-f", "null", "-");
		return last(Pattern.compile("mean_volume: (-?[\\d.]+|-inf) dB"), log);
	}

	/** Integrated loudness (LUFS) of the first audio stream, after an optional filter. */
	public static double loudness(Path file, String filter) {
		String chain = (filter == null ? "" : filter + ",") + "ebur128";
		String log = run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-map", "0:a:0", "-af",
				chain, "-f", "null", "-");
		return last(Pattern.compile("I:\\s+(-?[\\d.]+|-inf) LUFS"), log);
	}

	public static double duration(Path file) {
		return FfmpegNumbers.number(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
				file.toString()).strip(), Double.NaN);
	}

	/** codec_name,codec_type of each stream, in order. */
	public static List<String> streams(Path file) {
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
