package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bgmbatch.engine.local.Instruction;
import bgmbatch.engine.local.InstructionParser;
import bgmbatch.engine.local.AudioOut;
import bgmbatch.media.FfmpegNumbers;
import bgmbatch.settings.RunProperties;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The baselines: what a person who knows ffmpeg writes for our default plan (the expert
 * pipeline), and the command most tutorials give. The plan's numbers (music level, fade,
 * loudness target) come from our own instruction parser reading the bench's instruction,
 * so the expert always does what our job is asked to do.
 */
final class Expert {

	/** The instruction every run of our job gets, and the expert follows. */
	static final String INSTRUCTION = "add calm background music and fade it out at the end";

	/**
	 * The true-peak stage the local engine's render of an MP4 ends with at the default
	 * ceiling (4x oversampled limiter at -1.3 dBTP, the -1 dBTP ceiling less AAC's
	 * overshoot): taken from the engine itself, so the expert's command line meets the same
	 * spec at the same cost as our render, whatever the engine's stage becomes.
	 */
	static final String TRUE_PEAK_STAGE = AudioOut
		.limiter(AudioOut.limitDbtp(new Binder().bindOrCreate("bgm", RunProperties.class).truePeak(), "mp4"));

	/** The sample-peak limiter the engine ended with before issue 12: the expert without the true-peak stage. */
	static final String SAMPLE_PEAK_LIMITER = "alimiter=limit=0.944:attack=5:release=50:level=false:latency=true";

	private static final Pattern SUMMARY = Pattern
		.compile("Parsed_ebur128_(\\d+) @ [^\\]]+\\] Summary:\\s+Integrated loudness:\\s+I:\\s+(\\S+) LUFS");

	private final Bench bench;

	private final Path music;

	private final Instruction plan = new InstructionParser().parse(INSTRUCTION);

	Expert(Bench bench, Path music) {
		this.bench = bench;
		this.music = music;
	}

	/**
	 * The expert pipeline: probe the duration (for the fade); measure the original and the
	 * faded music in one audio-only pass; set the music's gain from those; measure the mix
	 * in a second audio-only pass; then mix again with one final gain (and the same peak
	 * limiter our plan ends with), stream-copying the video and encoding AAC as we do. (Our
	 * engine predicts the mix's loudness from the first pass's block measurements instead of
	 * measuring it again: that saved pass is ours to win.)
	 * @return its seconds
	 */
	double run(Path clip, Path out) {
		return run(clip, out, TRUE_PEAK_STAGE);
	}

	double run(Path clip, Path out, String limiter) {
		long start = System.nanoTime();
		double d = duration(clip);
		double fade = this.plan.fadeOutSeconds();
		String original = "[0:a:0]aformat=sample_rates=48000:channel_layouts=stereo,apad,atrim=0:" + Numbers.number(d);
		String music = "[1:a:0]aformat=sample_rates=48000:channel_layouts=stereo,atrim=0:" + Numbers.number(d)
				+ ",asetpts=N/SR/TB,afade=t=out:st=" + Numbers.number(Math.max(0, d - fade)) + ":d="
				+ Numbers.number(Math.min(fade, d));
		List<Double> levels = loudness(clip, original + ",ebur128[o];" + music + ",ebur128[m]", "[o]", "[m]");
		double musicGain = 20 * Math.log10(this.plan.volume()) + levels.get(0) - levels.get(1);
		String graph = original + "[original];" + music + ",volume=" + String.format(Locale.ROOT, "%.2f", musicGain)
				+ "dB[music];[original][music]amix=inputs=2:duration=first:normalize=0";
		double gain = this.plan.loudnessLufs() - loudness(clip, graph + ",ebur128[mixed]", "[mixed]").get(0);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", clip.toString(),
				"-stream_loop", "-1", "-i", this.music.toString(), "-filter_complex",
				graph + ",volume=" + String.format(Locale.ROOT, "%.2f", gain) + "dB," + limiter + "[mixed]", "-map",
				"0:v:0", "-map", "[mixed]", "-c:v", "copy"));
		// the audio encoded as our render encodes it
		command.addAll(AudioOut.encoder("mp4"));
		command.add(out.toString());
		Proc.run(command, this.bench.work(), null);
		return (System.nanoTime() - start) / 1e9;
	}

	/** The command most tutorials give: mix the music in and let ffmpeg re-encode everything. */
	double tutorial(Path clip) {
		Path out = this.bench.work().resolve("tutorial-out.mp4");
		return Proc.run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", clip.toString(), "-i",
				this.music.toString(), "-filter_complex",
				"[1:a]volume=" + Numbers.number(this.plan.volume()) + "[bg];[0:a][bg]amix=inputs=2:duration=first[a]",
				"-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-c:a", "aac", "-b:a", "192k", out.toString()),
				this.bench.work(), null).seconds();
	}

	/** The expert pipeline over the clips by a pool of workers, each taking the next clip when free (xargs -P). */
	double pool(List<Path> clips, int workers) {
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		long start = System.nanoTime();
		try {
			List<Future<Double>> runs = new ArrayList<>();
			for (int i = 0; i < clips.size(); i++) {
				Path clip = clips.get(i);
				Path out = this.bench.work().resolve("pool-out-" + i + ".mp4");
				runs.add(pool.submit(() -> run(clip, out)));
			}
			for (Future<Double> run : runs) {
				run.get();
			}
			return (System.nanoTime() - start) / 1e9;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the expert pipeline failed: " + ex.getCause().getMessage(), ex);
		}
		finally {
			pool.shutdown();
			for (int i = 0; i < clips.size(); i++) {
				try {
					Files.deleteIfExists(this.bench.work().resolve("pool-out-" + i + ".mp4"));
				}
				catch (IOException ex) {
					// a leftover output is overwritten next time
				}
			}
		}
	}

	private double duration(Path clip) {
		return FfmpegNumbers.number(Proc.run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
				"csv=p=0", clip.toString()), this.bench.work(), null).stdout().strip(), Double.NaN);
	}

	/** Integrated loudness of each ebur128 in the graph, in the order they appear in it (audio only). */
	private List<Double> loudness(Path clip, String graph, String... outputs) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "info", "-vn", "-i", clip.toString(),
				"-stream_loop", "-1", "-i", this.music.toString(), "-filter_complex", graph));
		for (String output : outputs) {
			command.addAll(List.of("-map", output));
		}
		command.addAll(List.of("-f", "null", "-"));
		Proc measure = Proc.run(command, this.bench.work(), null);
		// each ebur128 prints "[Parsed_ebur128_N @ ...] Summary:" then "I: x LUFS"; N follows the graph's order
		Matcher summary = SUMMARY.matcher(measure.stdout());
		TreeMap<Integer, Double> byIndex = new TreeMap<>();
		while (summary.find()) {
			byIndex.put(Integer.parseInt(summary.group(1)), Math.max(-70.0, FfmpegNumbers.level(summary.group(2))));
		}
		if (byIndex.size() != outputs.length) {
			throw new IllegalStateException("ebur128 printed " + byIndex.size() + " summaries, expected "
					+ outputs.length + ":\n" + Proc.tail(measure.stdout()));
		}
		return new ArrayList<>(byIndex.values());
	}

}
