package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import bgmbatch.media.FfmpegNumbers;

/**
 * The generated inputs, kept in the work folder between runs because making them takes a
 * while (about 25 s the first time for a full run). A smoke run makes the same kinds of
 * file, a few seconds long and small.
 */
final class Inputs {

	private final Bench bench;

	/** The main clip: 60 s 1080p30 H.264 with AAC audio (smoke: 3 s, 320x180). */
	final Path clip;

	final Path music;

	/** A 1 s 160x120 clip for the start-up and overhead runs. */
	final Path tiny;

	/** A 10 s cut of the clip (quick mode's tutorial run). */
	final Path cut;

	/** A 10 s 640x360 clip for the cloud runs. */
	final Path small;

	/** A 500 MB clip for the memory run (smoke: a few MB). */
	final Path big;

	/** A 30 s cut of the clip (the mixed batch). */
	final Path short30;

	/** The long recording of the mixed batch: 300 s (quick 150 s, smoke 6 s). */
	final Path longClip;

	/** How the clip is called in the table's rows, e.g. "60 s". */
	final String clipWords;

	double clipSeconds;

	Inputs(Bench bench) {
		this.bench = bench;
		Path media = bench.work().resolve("media");
		this.clip = media.resolve("clip.mp4");
		this.music = media.resolve("music.mp3");
		this.tiny = media.resolve("tiny-1s.mp4");
		this.cut = media.resolve("clip-cut.mp4");
		this.small = media.resolve("clip-small.mp4");
		this.big = media.resolve("clip-big.mp4");
		this.short30 = media.resolve("clip-short.mp4");
		this.longClip = media.resolve("clip-long-" + bench.mode().pick(300, 150, 6) + "s.mp4");
		this.clipWords = bench.mode().pick("60 s", "60 s", "3 s");
	}

	void prepare() throws IOException {
		Files.createDirectories(this.clip.getParent());
		Mode mode = this.bench.mode();
		int seconds = mode.pick(60, 60, 3);
		String size = mode.pick("1920x1080", "1920x1080", "320x180");
		make(this.clip, "a " + this.clipWords + " " + size + " H.264 clip with AAC audio (once; about 25 s for 60 s 1080p)",
				List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30:duration=" + seconds, "-f", "lavfi",
						"-i", "sine=frequency=300:sample_rate=48000:duration=" + seconds + ",volume=0.3", "-c:v",
						"libx264", "-preset", "ultrafast", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a",
						"128k", "-shortest", "-f", "mp4"));
		make(this.music, "a music file",
				List.of("-f", "lavfi", "-i",
						"aevalsrc='0.2*sin(2*PI*220*t)*(1+0.5*sin(2*PI*2*t))|0.2*sin(2*PI*330*t)*(1+0.5*sin(2*PI*3*t))':s=44100:d="
								+ seconds,
						"-c:a", "libmp3lame", "-b:a", "192k", "-f", "mp3"));
		make(this.tiny, "a tiny clip for the start-up and overhead runs",
				List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-f", "lavfi", "-i",
						"sine=duration=1", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", "-f",
						"mp4"));
		make(this.cut, "a cut of the clip (quick mode's tutorial run)",
				List.of("-i", this.clip.toString(), "-t", Integer.toString(mode.pick(10, 10, 1)), "-c", "copy", "-f",
						"mp4"));
		if (this.bench.has("flow")) {
			// the mixed batch: short cuts and a long recording, all stream-copied from the clip
			make(this.short30, "a cut of the clip (mixed batch)", List.of("-i", this.clip.toString(), "-t",
					Integer.toString(mode.pick(30, 30, 1)), "-c", "copy", "-f", "mp4"));
			make(this.longClip, "a long recording (the clip looped, mixed batch)",
					List.of("-stream_loop", "-1", "-i", this.clip.toString(), "-t",
							Integer.toString(mode.pick(300, 150, 6)), "-c", "copy", "-f", "mp4"));
		}
		if (this.bench.has("cloud")) {
			make(this.small, "a 640x360 clip for the cloud runs",
					List.of("-i", this.clip.toString(), "-t", Integer.toString(mode.pick(10, 10, 2)), "-vf",
							"scale=640:360", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "copy", "-f", "mp4"));
		}
		if (this.bench.has("memory")) {
			// the clip looped and cut at 500 MB (decimal: NemoVideo's limit is 500 MiB), stream-copied
			make(this.big, "a large clip for the memory run",
					List.of("-stream_loop", "9", "-i", this.clip.toString(), "-c", "copy", "-fs",
							Long.toString(mode.pick(500_000_000L, 500_000_000L, 2_000_000L)), "-f", "mp4"));
		}
		this.clipSeconds = duration(this.clip);
	}

	private void make(Path file, String what, List<String> args) throws IOException {
		if (Files.isRegularFile(file) && Files.size(file) > 0) {
			return;
		}
		this.bench.progress("making " + what + "...");
		Path part = file.resolveSibling(file.getFileName() + ".part");
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
		command.addAll(args);
		command.add(part.toString());
		Proc.run(command, this.bench.work(), null);
		Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
	}

	double duration(Path file) {
		return FfmpegNumbers.number(Proc
			.run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
					file.toString()), this.bench.work(), null)
			.stdout()
			.strip(), Double.NaN);
	}

	/** n hard links to the clip (copies where links are not possible): separate inputs, same bytes. */
	List<Path> copies(int n) throws IOException {
		return copies(this.clip, "clip", n);
	}

	/** n hard links to a source (copies where links are not possible), named name-NN.mp4. */
	List<Path> copies(Path source, String name, int n) throws IOException {
		Path folder = Files.createDirectories(this.bench.work().resolve("media/batch"));
		List<Path> clips = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			Path copy = folder.resolve(String.format("%s-%02d.mp4", name, i));
			if (!Files.exists(copy)) {
				try {
					Files.createLink(copy, source);
				}
				catch (IOException | UnsupportedOperationException ex) {
					Files.copy(source, copy);
				}
			}
			clips.add(copy);
		}
		return clips;
	}

}
