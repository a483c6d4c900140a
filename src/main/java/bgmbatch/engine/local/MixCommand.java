package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the ffmpeg command that mixes a plan's music into a video. The video stream is
 * copied whenever the output container accepts its codec; the audio is bounded in the
 * filter graph (never with -shortest, which truncates copied video).
 */
final class MixCommand {

	/** Codecs MP4 and MOV accept as they are. VP8 and Theora are not among them. */
	private static final Set<String> MP4_VIDEO = Set.of("h264", "hevc", "av1", "vp9", "mpeg4", "mjpeg");

	private static final Set<String> WEBM_VIDEO = Set.of("vp8", "vp9", "av1");

	private MixCommand() {
	}

	/** Whether the container of the output accepts the video codec without re-encoding. */
	static boolean canCopy(String videoCodec, Path output) {
		return switch (container(output)) {
			case "mkv" -> true;
			case "webm" -> WEBM_VIDEO.contains(videoCodec);
			default -> MP4_VIDEO.contains(videoCodec);
		};
	}

	static List<String> build(Path video, boolean videoHasAudio, String videoCodec, double duration, MixPlan plan,
			Path output, Path part) {
		String container = container(output);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i",
				video.toString(), "-stream_loop", "-1", "-i", plan.music().toString()));
		String d = number(duration);
		StringBuilder graph = new StringBuilder();
		graph.append("[1:a:0]aformat=sample_rates=48000:channel_layouts=stereo,atrim=0:")
			.append(d)
			.append(",asetpts=N/SR/TB,volume=")
			.append(number(plan.volume()));
		if (plan.fadeInSeconds() > 0) {
			graph.append(",afade=t=in:st=0:d=").append(number(Math.min(plan.fadeInSeconds(), duration)));
		}
		if (plan.fadeOutSeconds() > 0) {
			double fade = Math.min(plan.fadeOutSeconds(), duration);
			graph.append(",afade=t=out:st=").append(number(duration - fade)).append(":d=").append(number(fade));
		}
		boolean mix = videoHasAudio && plan.keepOriginal();
		if (mix) {
			graph.append("[music];[0:a:0]aformat=sample_rates=48000:channel_layouts=stereo,apad,atrim=0:")
				.append(d)
				.append("[original];[original][music]amix=inputs=2:duration=first:normalize=0[mixed]");
		}
		else {
			graph.append("[mixed]");
		}
		command.addAll(List.of("-filter_complex", graph.toString(), "-map", "0:v:0", "-map", "[mixed]"));
		if (canCopy(videoCodec, output)) {
			command.addAll(List.of("-c:v", "copy"));
			if ("hevc".equals(videoCodec) && !"mkv".equals(container)) {
				command.addAll(List.of("-tag:v", "hvc1"));
			}
		}
		else if ("webm".equals(container)) {
			command.addAll(List.of("-c:v", "libvpx-vp9", "-crf", "32", "-b:v", "0", "-deadline", "realtime", "-cpu-used", "8"));
		}
		else {
			command.addAll(List.of("-c:v", "libx264", "-crf", "20", "-preset", "veryfast", "-pix_fmt", "yuv420p"));
		}
		if ("webm".equals(container)) {
			command.addAll(List.of("-c:a", "libopus", "-b:a", "192k", "-ar", "48000", "-ac", "2"));
		}
		else {
			command.addAll(List.of("-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar", "48000", "-ac", "2"));
		}
		command.addAll(List.of("-f", muxer(container)));
		if (!"mkv".equals(container) && !"webm".equals(container)) {
			command.addAll(List.of("-movflags", "+faststart"));
		}
		command.add(part.toString());
		return command;
	}

	static String container(Path output) {
		String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
		String extension = name.substring(name.lastIndexOf('.') + 1);
		return extension.equals("m4v") ? "mp4" : extension;
	}

	private static String muxer(String container) {
		return switch (container) {
			case "mkv" -> "matroska";
			case "webm" -> "webm";
			case "mov" -> "mov";
			default -> "mp4";
		};
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

}
