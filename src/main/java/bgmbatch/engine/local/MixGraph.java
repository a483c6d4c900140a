package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two ffmpeg commands of a render. The analysis pass decodes only audio (the video
 * input is opened with {@code -vn}, so no frame is decoded) and measures the original
 * and the music bed block by block; the render pass mixes with the gains computed from
 * that, copies the video stream, and encodes the audio once. Audio is bounded in the
 * graph, never with {@code -shortest}, which truncates copied video.
 */
final class MixGraph {

	static final String ORIGINAL_TAP = "original.txt";

	static final String BED_TAP = "bed.txt";

	/** Codecs MP4 and MOV take as they are. VP8 and Theora are not among them. */
	private static final Set<String> MP4_VIDEO = Set.of("h264", "hevc", "av1", "vp9", "mpeg4");

	private static final Set<String> MOV_VIDEO = Set.of("h264", "hevc", "mpeg4", "prores", "mjpeg", "dnxhd");

	private static final Set<String> WEBM_VIDEO = Set.of("vp8", "vp9", "av1");

	/** 100 ms at 48 kHz: the step of BS.1770's gating blocks, so each frame reports one block. */
	private static final int BLOCK_SAMPLES = 4800;

	/** Where the ducker wants the original: the level of ordinary speech, whatever the recording's gain. */
	static final double DUCK_REFERENCE_LUFS = -20;

	/** About how far the music dips under speech; used to predict the mix's loudness. */
	static final double DUCK_DEPTH_DB = 10;

	/** Headroom the limiter keeps under full scale, so loud targets never clip. */
	private static final String LIMITER = "alimiter=limit=0.944:attack=5:release=50:level=false:latency=true";

	private MixGraph() {
	}

	/**
	 * @param musicGainDb the gain that puts the music bed at the planned level
	 * @param finalGainDb the one gain that brings the mix to the loudness target
	 * @param duckingSidechainGain the gain that brings the original to the ducker's reference level
	 * @param originalLufs the original's measured loudness, negative infinity when none
	 * @param musicLufs the music bed's measured loudness before any gain
	 * @param mixLufs the mix's predicted loudness before the final gain
	 */
	record Gains(double musicGainDb, double finalGainDb, double duckingSidechainGain, double originalLufs,
			double musicLufs, double mixLufs) {

	}

	static boolean canCopy(String codec, String container) {
		return switch (container) {
			case "mkv" -> true;
			case "webm" -> WEBM_VIDEO.contains(codec);
			case "mov" -> MOV_VIDEO.contains(codec) || MP4_VIDEO.contains(codec);
			default -> MP4_VIDEO.contains(codec);
		};
	}

	static String container(Path output) {
		String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
		String extension = name.substring(name.lastIndexOf('.') + 1);
		return extension.equals("m4v") ? "mp4" : extension;
	}

	/** The audio-only pass writing block loudness of the original and of the music bed (at unity gain) into a folder. */
	static List<String> analysis(MixPlan plan, Path video, double musicSeconds, Path folder) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
		int musicInput = 0;
		StringBuilder graph = new StringBuilder();
		List<String> outputs = new ArrayList<>();
		if (plan.mixesOriginal()) {
			command.addAll(List.of("-vn", "-sn", "-dn", "-i", video.toString()));
			musicInput = 1;
			graph.append(original(plan)).append(',').append(tap(folder.resolve(ORIGINAL_TAP))).append("[o];");
			outputs.add("[o]");
		}
		addMusicInput(command, plan);
		graph.append(bareBed(plan, musicInput, musicSeconds)).append(',').append(shape(plan, musicSeconds, 0)).append(',')
			.append(tap(folder.resolve(BED_TAP))).append("[b]");
		outputs.add("[b]");
		command.addAll(List.of("-filter_complex", graph.toString()));
		for (String output : outputs) {
			command.addAll(List.of("-map", output));
		}
		command.addAll(List.of("-f", "null", "-"));
		return command;
	}

	/** The pass that writes the output: mix, one gain, video copied when the container allows. */
	static List<String> render(MixPlan plan, Path video, double musicSeconds, Gains gains, Path output, Path part) {
		String container = container(output);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", video.toString()));
		addMusicInput(command, plan);
		StringBuilder graph = new StringBuilder();
		graph.append(bareBed(plan, 1, musicSeconds)).append(',').append(shape(plan, musicSeconds, gains.musicGainDb()))
			.append("[bed];");
		String finish = "volume=" + number(gains.finalGainDb()) + "dB," + LIMITER + "[aout]";
		if (plan.mixesOriginal()) {
			graph.append(original(plan)).append("[orig];");
			if (plan.ducking()) {
				graph.append("[orig]asplit=2[om][osc];[bed][osc]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=300:level_sc=")
					.append(number(gains.duckingSidechainGain()))
					.append("[ducked];[om][ducked]");
			}
			else {
				graph.append("[orig][bed]");
			}
			graph.append("amix=inputs=2:duration=first:normalize=0,").append(finish);
		}
		else {
			graph.append("[bed]").append(finish);
		}
		command.addAll(List.of("-filter_complex", graph.toString(), "-map", "0:" + plan.video().streamIndex(), "-map",
				"[aout]"));
		videoOptions(command, plan.video(), container);
		if ("webm".equals(container)) {
			command.addAll(List.of("-c:a", "libopus", "-b:a", "192k", "-ar", "48000", "-ac", "2"));
		}
		else {
			command.addAll(List.of("-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar", "48000", "-ac", "2"));
		}
		command.addAll(List.of("-max_muxing_queue_size", "4096", "-f", muxer(container), part.toString()));
		return command;
	}

	private static void videoOptions(List<String> command, MixPlan.VideoHandling video, String container) {
		if (video.copy()) {
			command.addAll(List.of("-c:v", "copy"));
			if ("hevc".equals(video.codec()) && !"mkv".equals(container)) {
				// Apple players only open HEVC in MP4/MOV when tagged hvc1
				command.addAll(List.of("-tag:v", "hvc1"));
			}
			return;
		}
		if (video.scaleToHeight() > 0) {
			command.addAll(List.of("-vf", "scale=-2:" + video.scaleToHeight()));
		}
		if ("webm".equals(container)) {
			command.addAll(List.of("-c:v", "libvpx-vp9", "-crf", "32", "-b:v", "0", "-deadline", "realtime",
					"-cpu-used", "8", "-row-mt", "1"));
		}
		else {
			command.addAll(List.of("-c:v", "libx264", "-crf", "20", "-preset", "veryfast", "-pix_fmt", "yuv420p"));
		}
		// keep variable frame rate timing as it is instead of duplicating or dropping frames
		command.addAll(List.of("-fps_mode", "passthrough"));
	}

	private static void addMusicInput(List<String> command, MixPlan plan) {
		if (plan.instruction().loop()) {
			command.addAll(List.of("-stream_loop", "-1"));
		}
		command.addAll(List.of("-vn", "-sn", "-dn", "-i", plan.music().toString()));
	}

	/** The original audio on the output's timeline: gaps filled, exactly as long as the video. */
	private static String original(MixPlan plan) {
		String d = number(plan.durationSeconds());
		return "[0:a:0]aresample=48000:async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=stereo,apad=whole_dur="
				+ d + ",atrim=duration=" + d;
	}

	/** The music cut to the time it plays, before any gain or fade. */
	private static String bareBed(MixPlan plan, int input, double musicSeconds) {
		return "[" + input + ":a:0]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atrim=duration="
				+ number(bedSeconds(plan, musicSeconds)) + ",asetpts=N/SR/TB";
	}

	/** Gain, fades, and placement on the video's timeline. */
	private static String shape(MixPlan plan, double musicSeconds, double gainDb) {
		double length = bedSeconds(plan, musicSeconds);
		StringBuilder chain = new StringBuilder("volume=").append(number(gainDb)).append("dB");
		if (plan.fadeInSeconds() > 0) {
			chain.append(",afade=t=in:st=0:d=").append(number(Math.min(plan.fadeInSeconds(), length)))
				.append(":curve=qsin");
		}
		if (plan.fadeOutSeconds() > 0) {
			double fade = Math.min(plan.fadeOutSeconds(), length);
			// quadratic: a fade-out that sounds even to the ear, reaching near silence well before the end
			chain.append(",afade=t=out:st=").append(number(length - fade)).append(":d=").append(number(fade))
				.append(":curve=qua");
		}
		if (plan.startSeconds() > 0) {
			chain.append(",adelay=delays=").append(Math.round(plan.startSeconds() * 1000)).append(":all=1");
		}
		String d = number(plan.durationSeconds());
		return chain.append(",apad=whole_dur=").append(d).append(",atrim=duration=").append(d).toString();
	}

	static double bedSeconds(MixPlan plan, double musicSeconds) {
		double bed = plan.bedSeconds();
		return plan.instruction().loop() || musicSeconds <= 0 ? bed : Math.min(bed, musicSeconds);
	}

	private static String tap(Path file) {
		return "asetnsamples=n=" + BLOCK_SAMPLES + ":p=0,ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.M:file="
				+ filterPath(file);
	}

	/**
	 * A path inside a filter graph. ffmpeg parses graphs on two levels with different
	 * escapes; rather than risk a wrong escape, the engine only writes into folders whose
	 * paths need none.
	 */
	static String filterPath(Path file) {
		String path = file.toAbsolutePath().toString();
		if (!path.matches("[A-Za-z0-9/_.+-]+")) {
			throw new IllegalArgumentException("a measurement folder must have a plain path, not " + path);
		}
		return path;
	}

	private static String muxer(String container) {
		return switch (container) {
			case "mkv" -> "matroska";
			case "webm" -> "webm";
			case "mov" -> "mov";
			default -> "mp4";
		};
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
