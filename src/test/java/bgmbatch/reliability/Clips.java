package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
