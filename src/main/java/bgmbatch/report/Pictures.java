package bgmbatch.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaProbe;

/**
 * Draws the pictures of the items report.html shows with pictures, one item per core at a
 * time (each item runs its ffmpeg calls one after another), so the end of a run waits for
 * about (items × cost per item ÷ cores). Measured here on a 60 s 1080p clip: the frame
 * 0.13 s, each sound's levels 0.2 s, so about 0.55 s of ffmpeg per delivered item.
 */
final class Pictures implements AutoCloseable {

	private final Frames frames;

	private final Waveforms waveforms;

	private final MediaProbe probe;

	private final ExecutorService painters;

	private final List<CompletableFuture<ItemPictures>> started = new ArrayList<>();

	Pictures(CommandRunner runner, int threads) {
		this.frames = new Frames(runner);
		this.waveforms = new Waveforms(runner);
		this.probe = new MediaProbe(runner);
		this.painters = Executors.newFixedThreadPool(Math.max(1, threads), (task) -> {
			Thread thread = new Thread(task, "report-pictures");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** A delivered item: a frame of its output, and the sound of its input and of its output on one scale. */
	CompletableFuture<ItemPictures> delivered(ItemReport item, Path scratchFolder) {
		return track(CompletableFuture.supplyAsync(() -> {
			if (!Files.isRegularFile(Path.of(item.output()))) {
				return ItemPictures.NONE;
			}
			double seconds = item.videoSeconds() != null ? item.videoSeconds() : seconds(item.output());
			byte[] frame = this.frames.frame(item.output(), seconds, scratchFolder).orElse(null);
			if (seconds <= 0) {
				return new ItemPictures(frame, null, null);
			}
			// an input given by address is shown by its address: it is not fetched again for a picture
			byte[] before = !Files.isRegularFile(Path.of(item.video())) ? null
					: this.waveforms.levels(item.video(), seconds)
						.map((levels) -> WaveformPicture.png(levels, WaveformPicture.Tone.BEFORE))
						.orElse(null);
			byte[] after = this.waveforms.levels(item.output(), seconds)
				.map((levels) -> WaveformPicture.png(levels, WaveformPicture.Tone.AFTER))
				.orElse(null);
			return new ItemPictures(frame, before, after);
		}, this.painters));
	}

	/** An item left without an output: a frame of its input, when there is one to show. */
	CompletableFuture<ItemPictures> input(ItemReport item, Path scratchFolder) {
		return track(CompletableFuture.supplyAsync(() -> {
			if (!Files.isRegularFile(Path.of(item.video()))) {
				return ItemPictures.NONE;
			}
			double seconds = item.videoSeconds() != null ? item.videoSeconds() : seconds(item.video());
			return new ItemPictures(this.frames.frame(item.video(), seconds, scratchFolder).orElse(null), null, null);
		}, this.painters));
	}

	private CompletableFuture<ItemPictures> track(CompletableFuture<ItemPictures> picture) {
		this.started.add(picture);
		return picture;
	}

	private double seconds(String media) {
		try {
			return this.probe.probe(Path.of(media)).durationSeconds();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Drops the pictures not started yet and waits for those being drawn: when the page could
	 * not be written (a full disk), no ffmpeg is left reading or writing in the output folder
	 * after the report gives up. Each ffmpeg is bounded by its own timeout.
	 */
	@Override
	public void close() {
		this.started.forEach((picture) -> picture.cancel(false));
		this.painters.shutdown();
		try {
			this.painters.awaitTermination(5, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The pictures of one item; each may be missing.
	 *
	 * @param frame a JPEG frame of the video
	 * @param before a PNG of the original's sound, null when it has none
	 * @param after a PNG of the final mix's sound
	 */
	record ItemPictures(byte[] frame, byte[] before, byte[] after) {

		static final ItemPictures NONE = new ItemPictures(null, null, null);

	}

}
