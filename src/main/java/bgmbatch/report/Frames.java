package bgmbatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import bgmbatch.media.CommandRunner;

/**
 * A frame of a video as a small JPEG, to recognise the item at a glance. Only key frames
 * are decoded ({@code -skip_frame nokey}): 0.13 s for a 60 s 1080p clip here, against
 * 0.47 s for the exact frame at the same time.
 */
final class Frames {

	static final int WIDTH = 320;

	static final int HEIGHT = 180;

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private final CommandRunner runner;

	Frames(CommandRunner runner) {
		this.runner = runner;
	}

	/**
	 * The first key frame a third of the way in (past a fade from black), else the first key
	 * frame of all (a short clip may have one only), fitted into 320x180; empty when there is none.
	 */
	Optional<byte[]> frame(String video, double seconds, Path scratchFolder) {
		Optional<byte[]> frame = seconds > 0 ? frameAt(video, seconds / 3, scratchFolder) : Optional.empty();
		return frame.isPresent() ? frame : frameAt(video, 0, scratchFolder);
	}

	private Optional<byte[]> frameAt(String video, double at, Path scratchFolder) {
		Path jpeg = null;
		try {
			jpeg = Files.createTempFile(scratchFolder, ".frame-", ".jpg");
			CommandRunner.CommandResult result = this.runner.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y",
					"-skip_frame", "nokey", "-ss", String.format(Locale.ROOT, "%.2f", at), "-i", video, "-map",
					"0:v:0", "-an", "-vf",
					"scale=w=" + WIDTH + ":h=" + HEIGHT + ":force_original_aspect_ratio=decrease,setsar=1", "-frames:v",
					"1", "-q:v", "5", "-f", "image2", "-c:v", "mjpeg", jpeg.toString()), TIMEOUT);
			if (!result.ok() || Files.size(jpeg) == 0) {
				return Optional.empty();
			}
			return Optional.of(Files.readAllBytes(jpeg));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
		finally {
			deleteQuietly(jpeg);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a leftover hidden temp file is harmless
			}
		}
	}

}
