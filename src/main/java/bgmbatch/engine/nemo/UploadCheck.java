package bgmbatch.engine.nemo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.NemoClient;

/**
 * What is checked before anything is uploaded or paid: the service's refusals known in
 * advance (type, size) and our own limit on the instruction, and the dry run that lists
 * what a run would send and cost.
 */
final class UploadCheck {

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

	private final NemoClient client;

	private final NemoProperties properties;

	UploadCheck(NemoClient client, NemoProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * Prints per item what would be sent and what the run would cost, and spends nothing.
	 * @return whether the balance covers the run
	 */
	boolean dryRun(Stream<WorkItem> items, PrintStream out) {
		this.client.ensureToken();
		int available = this.client.availableCredits();
		int[] counts = new int[2];
		items.forEach((item) -> {
			String problem = problem(item);
			if (problem != null) {
				counts[1]++;
				out.printf("  %s: would be skipped: %s%n", item.id(), problem);
				return;
			}
			counts[0]++;
			if (item.handle(WorkItem.VIDEO_SOURCE) != null) {
				out.printf("  %s: would %s %s and send \"%s\"%n", item.id(),
						byAddress(item) ? "have the service fetch" : "fetch and upload", item.video().getFileName(),
						item.instruction());
				return;
			}
			out.printf("  %s: would upload %s (%s) and send \"%s\"%n", item.id(), item.video().getFileName(),
					humanSize(item.video()), item.instruction());
		});
		int needed = counts[0] * this.properties.creditsPerItem() + (counts[0] > 0 ? this.properties.creditMargin() : 0);
		out.printf("Dry run: %d item(s) to send, %d to skip; they need about %d credits (%d per item + %d margin), "
				+ "%d available.%n", counts[0], counts[1], needed, this.properties.creditsPerItem(),
				this.properties.creditMargin(), available);
		if (available < needed) {
			out.println("Not enough credits for the whole run: top up before running it.");
		}
		return available >= needed;
	}

	/**
	 * Whether the service fetches the item's video from its address (NemoVideo's URL
	 * upload takes https only): we then send no bytes, and have none to measure.
	 */
	static boolean byAddress(WorkItem item) {
		String address = item.handle(WorkItem.VIDEO_SOURCE);
		return address != null && address.regionMatches(true, 0, "https://", 0, "https://".length());
	}

	/** Refuses locally what the service would refuse with 4001 or 4002, before any upload. */
	static void require(WorkItem item) {
		String problem = problem(item);
		if (problem != null) {
			throw new ItemRejectedException(problem);
		}
	}

	/** Checked before a session is opened, so a rejected item costs nothing. */
	static String problem(WorkItem item) {
		int length = item.instruction().length();
		if (length > MAX_INSTRUCTION_CHARS) {
			return "the instruction has " + length + " characters; the cloud engine sends at most "
					+ MAX_INSTRUCTION_CHARS + " as one chat message (shorten it, or use engine=local)";
		}
		// a video the service fetches, or one not fetched yet (a dry run), is not here to measure:
		// the service checks its size (4002)
		boolean here = item.handle(WorkItem.VIDEO_SOURCE) == null || (!byAddress(item) && Files.exists(item.video()));
		return problem(item.video(), here);
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

	private static String humanSize(Path video) {
		try {
			return String.format(Locale.ROOT, "%.1f MB", Files.size(video) / 1048576.0);
		}
		catch (IOException ex) {
			return "unreadable";
		}
	}

}
