package bgmbatch.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Turns ffmpeg's and ffprobe's error output into one line a person understands. The raw
 * message is kept at the end when no rule matches, so nothing is hidden.
 */
final class MediaErrors {

	private MediaErrors() {
	}

	private static final String UNREADABLE = "is not a media file ffmpeg can read (wrong extension, or damaged)";

	/** A phrase that completes "FILE ...", for a complaint about that file. */
	static String explain(Path file, String stderr) {
		return looksLikeIsoMedia(file) ? explain(stderr) : UNREADABLE;
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
			return UNREADABLE;
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

	/**
	 * ffprobe picks the MP4 reader by extension and then blames a missing index even for a
	 * text file; a cut-off recording still starts with a box header, so look before blaming.
	 */
	static boolean looksLikeIsoMedia(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!(name.endsWith(".mp4") || name.endsWith(".mov") || name.endsWith(".m4v") || name.endsWith(".m4a"))) {
			return true;
		}
		try (InputStream in = Files.newInputStream(file)) {
			byte[] header = in.readNBytes(8);
			String box = header.length < 8 ? "" : new String(header, 4, 4, StandardCharsets.ISO_8859_1);
			return Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot").contains(box);
		}
		catch (IOException ex) {
			return true;
		}
	}

}
