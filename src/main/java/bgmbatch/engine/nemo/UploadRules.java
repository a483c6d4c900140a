package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import bgmbatch.engine.WorkItem;

/** What the service would refuse (4001, 4002, an instruction too long to send), checked before anything is paid for. */
final class UploadRules {

	static final Set<String> VIDEO_TYPES = Set.of("mp4", "mov", "avi", "webm", "mkv");

	/** The service's limit per file (code 4002 above it). */
	static final long MAX_UPLOAD_BYTES = 500L * 1024 * 1024;

	/**
	 * The longest instruction sent as one chat message. The service documents no limit;
	 * real instructions are a sentence or two, and a cell holding a pasted document is a
	 * mistake that would still be charged as an edit, so it is refused before any session
	 * is paid for.
	 */
	static final int MAX_INSTRUCTION_CHARS = 2000;

	private UploadRules() {
	}

	/** Checked before a session is opened, so a rejected item costs nothing. */
	static String problem(WorkItem item, boolean byAddress) {
		int length = item.instruction().length();
		if (length > MAX_INSTRUCTION_CHARS) {
			return "the instruction has " + length + " characters; the cloud engine sends at most "
					+ MAX_INSTRUCTION_CHARS + " as one chat message (shorten it, or use engine=local)";
		}
		// an address the service fetches is not here to measure: the service checks its size (4002)
		return problem(item.video(), !byAddress && Files.exists(item.video()));
	}

	private static String problem(Path video, boolean measure) {
		String name = video.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (!VIDEO_TYPES.contains(extension)) {
			return "NemoVideo does not accept ." + extension + " videos (code 4001); it accepts "
					+ String.join(", ", VIDEO_TYPES.stream().sorted().toList());
		}
		if (!measure) {
			return null;
		}
		try {
			if (Files.size(video) > MAX_UPLOAD_BYTES) {
				return "the video is larger than the 500 MB NemoVideo accepts (code 4002)";
			}
		}
		catch (IOException ex) {
			return "cannot read the video: " + ex.getMessage();
		}
		return null;
	}

	static String humanSize(Path video) {
		try {
			return String.format(Locale.ROOT, "%.1f MB", Files.size(video) / 1048576.0);
		}
		catch (IOException ex) {
			return "unreadable";
		}
	}

}
