package bgmbatch.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;

/** Makes tiny test clips with ffmpeg and inspects results. */
public final class TestMedia {

	private final CommandRunner runner = new CommandRunner();

	public Path clip(Path file, double seconds, boolean withAudio) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
				"testsrc2=size=160x120:rate=15:duration=" + seconds));
		if (withAudio) {
			command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds));
		}
		command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
		if (withAudio) {
			command.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
		}
		command.add(file.toString());
		run(command);
		return file;
	}

	/** A hash of the video stream's packets: equal hashes mean the video was copied bit for bit. */
	public String videoStreamHash(Path file) {
		return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:v", "-c", "copy",
				"-f", "streamhash", "-hash", "sha256", "-")).stdout().strip();
	}

	public MediaInfo probe(Path file) {
		return new MediaProbe(this.runner).probe(file);
	}

	private CommandRunner.CommandResult run(List<String> command) {
		CommandRunner.CommandResult result = this.runner.run(command, Duration.ofMinutes(2));
		if (!result.ok()) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + result.stderr());
		}
		return result;
	}

}
