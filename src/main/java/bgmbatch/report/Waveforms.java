package bgmbatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import bgmbatch.media.CommandRunner;

/**
 * Draws the waveform of a delivered output's audio as a small PNG (ffmpeg
 * {@code showwavespic}), so a person sees the fade and the ducking at a glance. Cheap on
 * purpose: the video is never decoded ({@code -vn} on the input) and the picture is tiny.
 */
public final class Waveforms {

	static final int WIDTH = 320;

	static final int HEIGHT = 48;

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final CommandRunner runner;

	public Waveforms(CommandRunner runner) {
		this.runner = runner;
	}

	/** The PNG bytes, or empty when the file has no audio or ffmpeg cannot read it. */
	public Optional<byte[]> picture(Path media, Path scratchFolder) {
		Path png = null;
		try {
			png = Files.createTempFile(scratchFolder, ".waveform-", ".png");
			CommandRunner.CommandResult result = this.runner.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y",
					"-vn", "-i", media.toString(), "-filter_complex",
					"[0:a:0]aformat=channel_layouts=mono,showwavespic=s=" + WIDTH + "x" + HEIGHT
							+ ":colors=0x2f6fde[w]",
					"-map", "[w]", "-frames:v", "1", png.toString()), TIMEOUT);
			if (!result.ok() || Files.size(png) == 0) {
				return Optional.empty();
			}
			return Optional.of(Files.readAllBytes(png));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
		finally {
			if (png != null) {
				try {
					Files.deleteIfExists(png);
				}
				catch (IOException ex) {
					// a leftover hidden temp file is harmless
				}
			}
		}
	}

}
