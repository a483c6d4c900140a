package bgmbatch.engine.local;

import java.util.Locale;

/**
 * Turns ffmpeg's and ffprobe's error output into one line a person understands. The raw
 * message is kept at the end when no rule matches, so nothing is hidden.
 */
final class MediaErrors {

	private MediaErrors() {
	}

	/** A phrase that completes "FILE ...". */
	static String explain(String stderr) {
		String text = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
		if (text.contains("moov atom not found")) {
			return "is incomplete: its index (the MP4 'moov' box) is missing, so the recording or copy was cut off";
		}
		if (text.contains("partial file")) {
			return "is truncated: its data ends before the end its index promises (an interrupted copy?)";
		}
		if (text.contains("invalid data found when processing input") || text.contains("could not find codec parameters")
				|| text.contains("format not recognized") || text.contains("end of file")
				|| text.contains("invalid argument")) {
			return "is not a media file ffmpeg can read (wrong extension, or damaged)";
		}
		if (text.contains("permission denied")) {
			return "cannot be read: permission denied";
		}
		if (text.contains("no such file")) {
			return "does not exist";
		}
		if (text.contains("decoder") && text.contains("not found") || text.contains("unknown codec")) {
			return "uses a codec this ffmpeg cannot decode";
		}
		return "cannot be read as media: " + lastLine(stderr);
	}

	/** Whether ffmpeg's complaint means the input itself is broken, so retrying cannot help. */
	static boolean brokenInput(String stderr) {
		String text = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
		return text.contains("partial file") || text.contains("moov atom not found")
				|| text.contains("invalid data found when processing input");
	}

	static String lastLine(String stderr) {
		if (stderr == null || stderr.isBlank()) {
			return "no reason given";
		}
		String[] lines = stderr.strip().split("\\R");
		String line = lines[lines.length - 1].strip();
		// ffmpeg prefixes "[component @ 0x55d...]": an address means nothing to a person
		line = line.replaceAll("^\\[[^\\]]*@ 0x[0-9a-f]+\\]\\s*", "");
		// "/long/path/file.mp4: reason": the caller already names the file
		return line.replaceAll("^/\\S*: ", "");
	}

}
