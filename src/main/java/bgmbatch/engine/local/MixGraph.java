package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ffmpeg commands of a render. The analysis pass decodes only audio (the video input
 * is opened with {@code -vn}, so no frame is decoded) and measures the original and the
 * music bed block by block; the mix pass (only when the limiter may act) measures the
 * real summed mix through the limiter; the render pass mixes with the gains computed from
 * those, limits true peaks, copies the video stream and the streams the container can
 * carry, and encodes the audio once; the check pass measures the encoded sound. Audio is
 * bounded in the graph, never with {@code -shortest}, which truncates copied video.
 */
final class MixGraph {

	static final String ORIGINAL_TAP = "original.txt";

	static final String BED_TAP = "bed.txt";

	static final String SPEECH_TAP = "speech.txt";

	static final String SPEECH_KEY = "lavfi.astats.Overall.RMS_level";

	static final String ENVELOPE = "ducking.f32";

	/** The meter on the finished sound: in the mix pass after the limiter, in the check pass on the decoded file. */
	static final String OUT_METER = "ebur128@out";

	/** The meter on the mix before the limiter (mix pass). */
	static final String PRE_METER = "ebur128@pre";

	/** Codecs MP4 and MOV take as they are. VP8 and Theora are not among them. */
	private static final Set<String> MP4_VIDEO = Set.of("h264", "hevc", "av1", "vp9", "mpeg4");

	private static final Set<String> MOV_VIDEO = Set.of("h264", "hevc", "mpeg4", "prores", "mjpeg", "dnxhd");

	private static final Set<String> WEBM_VIDEO = Set.of("vp8", "vp9", "av1");

	/** 100 ms at 48 kHz: the step of BS.1770's gating blocks, so each frame reports one block. */
	private static final int BLOCK_SAMPLES = 4800;

	private MixGraph() {
	}

	/**
	 * @param musicGainDb the gain that puts the music bed at the planned level
	 * @param finalGainDb the one gain that brings the mix to the loudness target
	 * @param limitDbtp where the true-peak limiter holds the mix (under the ceiling by the encoder's overshoot)
	 * @param originalLufs the original's measured loudness, negative infinity when none
	 * @param musicLufs the music bed's measured loudness before any gain
	 * @param mixLufs the mix's predicted loudness before the final gain
	 */
	record Gains(double musicGainDb, double finalGainDb, double limitDbtp, double originalLufs, double musicLufs,
			double mixLufs) {

		Gains withFinalGain(double gainDb) {
			return new Gains(this.musicGainDb, gainDb, this.limitDbtp, this.originalLufs, this.musicLufs,
					this.mixLufs);
		}

		Gains withLimit(double limit) {
			return new Gains(this.musicGainDb, this.finalGainDb, limit, this.originalLufs, this.musicLufs,
					this.mixLufs);
		}

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

	/**
	 * The audio-only pass writing block loudness and the largest sample of the original and
	 * of the music bed (at unity gain) into a folder, and with ducking the original's level
	 * every 50 ms.
	 */
	static List<String> analysis(MixPlan plan, Path video, double musicSeconds, Path folder) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
		int musicInput = 0;
		StringBuilder graph = new StringBuilder();
		List<String> outputs = new ArrayList<>();
		if (plan.mixesOriginal()) {
			command.addAll(List.of("-vn", "-sn", "-dn", "-i", video.toString()));
			musicInput = 1;
			graph.append(original(plan));
			if (plan.ducking()) {
				graph.append(",asplit=2[ol][os];[os]highpass=f=100,asetnsamples=n=").append(Ducking.FRAME_SAMPLES)
					.append(":p=0,astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=RMS_level,")
					.append("ametadata=mode=print:key=").append(SPEECH_KEY)
					.append(":file=").append(filterPath(folder.resolve(SPEECH_TAP))).append("[s];[ol]");
				outputs.add("[s]");
			}
			else {
				graph.append(',');
			}
			graph.append(tap(folder.resolve(ORIGINAL_TAP))).append("[o];");
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

	/**
	 * The audio-only pass that plays the real mix through the limiter and measures it
	 * before ({@link #PRE_METER}) and after ({@link #OUT_METER}): what the limiter takes
	 * away, and what correlated music and original add up to, both of which block energies
	 * measured apart cannot tell.
	 */
	static List<String> mixPass(MixPlan plan, Path video, double musicSeconds, Gains gains, Path envelope) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-v", "info",
				"-vn", "-sn", "-dn", "-i", video.toString()));
		addMusicInput(command, plan);
		addEnvelopeInput(command, envelope);
		String graph = mix(plan, musicSeconds, gains, envelope != null) + ";[mix]asplit=2[pre][lim];[pre]" + PRE_METER
				+ "=framelog=verbose[p];[lim]" + AudioOut.limiter(gains.limitDbtp()) + "," + OUT_METER
				+ "=framelog=verbose[l]";
		command.addAll(List.of("-filter_complex", graph, "-map", "[p]", "-map", "[l]", "-f", "null", "-"));
		return command;
	}

	/** The pass that writes the output: mix, one gain, true-peak limit, video and other streams copied where they can be. */
	static List<String> render(MixPlan plan, Path video, double musicSeconds, Gains gains, Path envelope, Path output,
			Path part) {
		String container = container(output);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", video.toString()));
		addMusicInput(command, plan);
		addEnvelopeInput(command, envelope);
		String graph = mix(plan, musicSeconds, gains, envelope != null) + ";[mix]"
				+ AudioOut.limiter(gains.limitDbtp()) + "[aout]";
		command.addAll(List.of("-filter_complex", graph, "-map", "0:" + plan.video().streamIndex(), "-map", "[aout]"));
		List<ExtraStreams.Choice> mapped = plan.extras().mapped();
		for (ExtraStreams.Choice choice : mapped) {
			command.addAll(List.of("-map", "0:" + choice.stream().index()));
		}
		videoOptions(command, plan.video(), container);
		command.addAll(AudioOut.encoder(container));
		for (int i = 0; i < mapped.size(); i++) {
			command.addAll(List.of("-c:" + (i + 2), mapped.get(i).encoder()));
		}
		// the video's metadata and chapters, never the music file's (ffmpeg takes chapters from the first input that has any)
		command.addAll(List.of("-map_metadata", "0", "-map_chapters", "0"));
		command.addAll(List.of("-max_muxing_queue_size", "4096", "-f", muxer(container), part.toString()));
		return command;
	}

	/** The check pass: the encoded sound decoded and measured (integrated, range, true peak 4× oversampled). */
	static List<String> check(Path part) {
		return List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-v", "info", "-vn", "-sn", "-dn", "-i",
				part.toString(), "-map", "0:a:0", "-af", OUT_METER + "=peak=true:framelog=verbose", "-f", "null", "-");
	}

	/** Original and music mixed, the music ducked by the envelope (input 2) when there is one, up to the final gain: [mix]. */
	private static String mix(MixPlan plan, double musicSeconds, Gains gains, boolean ducked) {
		StringBuilder graph = new StringBuilder();
		graph.append(bareBed(plan, 1, musicSeconds)).append(',').append(shape(plan, musicSeconds, gains.musicGainDb()))
			.append("[bed];");
		String bed = "[bed]";
		if (ducked) {
			graph.append("[2:a]aresample=48000,pan=stereo|c0=c0|c1=c0[dip];[bed][dip]amultiply[ducked];");
			bed = "[ducked]";
		}
		String finish = "volume=" + number(gains.finalGainDb()) + "dB[mix]";
		if (plan.mixesOriginal()) {
			graph.append(original(plan)).append("[orig];[orig]").append(bed)
				.append("amix=inputs=2:duration=first:normalize=0,");
		}
		else {
			graph.append(bed);
		}
		return graph.append(finish).toString();
	}

	private static void addEnvelopeInput(List<String> command, Path envelope) {
		if (envelope != null) {
			command.addAll(List.of("-f", "f32le", "-ar", Integer.toString(Ducking.RATE), "-ac", "1", "-i",
					envelope.toString()));
		}
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

	/** Block loudness every 100 ms and the running largest sample, printed into a file. */
	private static String tap(Path file) {
		return "asetnsamples=n=" + BLOCK_SAMPLES + ":p=0,ebur128=metadata=1:peak=sample,ametadata=mode=print:file="
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
