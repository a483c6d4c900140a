package bgmbatch.reliability;

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
import java.util.stream.Stream;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;

import static org.assertj.core.api.Assertions.assertThat;

/** Tiny media files made with ffmpeg for the tests, and the checks outputs must pass. */
final class Clips {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final CommandRunner runner = new CommandRunner();

	private final MediaProbe probe = new MediaProbe(this.runner);

	/** A 160x120 H.264 clip with an AAC tone when {@code audio}. */
	Path video(Path file, double seconds, boolean audio) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
				"testsrc=size=160x120:rate=15:duration=" + seconds));
		if (audio) {
			command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "aac"));
		}
		command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file.toString()));
		return ffmpeg(command, file);
	}

	/** Runs an ffmpeg command that must succeed and make {@code file}. */
	Path ffmpeg(List<String> command, Path file) {
		CommandRunner.CommandResult result = this.runner.run(command, TIMEOUT);
		assertThat(result.ok()).as("ffmpeg made %s: %s", file, result.stderr()).isTrue();
		return file;
	}

	/** Copies of one clip under other names: the job sees distinct items, ffmpeg runs once. */
	List<Path> copies(Path clip, Path folder, int count) throws IOException {
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
	Path manifest(Path folder, Path clip, int items, String instruction) throws IOException {
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
	static Map<String, Object> outputs(Path folder) throws IOException {
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

	MediaInfo probe(Path file) {
		return this.probe.probe(file);
	}

	/** What OutputDelivery promises of every delivered file, checked independently. */
	void assertValidOutput(Path output, double seconds) {
		MediaInfo info = this.probe.probe(output);
		assertThat(info.videoStreams()).as("video streams of %s", output).hasSize(1);
		assertThat(info.audioStreams()).as("audio streams of %s", output).hasSize(1);
		assertThat(info.durationSeconds()).as("duration of %s", output).isCloseTo(seconds,
				org.assertj.core.data.Offset.offset(0.5));
	}

}
