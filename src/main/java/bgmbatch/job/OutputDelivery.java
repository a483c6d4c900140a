package bgmbatch.job;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.WorkItem;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;
import bgmbatch.media.UnreadableMediaException;

/**
 * The last gate before an output counts as delivered: the part file must hold one video
 * and one audio stream lasting as long as the input, and only then is it renamed into
 * place, atomically, inside the output folder.
 */
final class OutputDelivery {

	/** Containers round durations to their frame and audio-packet grid; half a second is a real loss. */
	static final double DURATION_TOLERANCE = 0.5;

	/** Handle: identity of the part file about to be renamed into place. */
	static final String DELIVERED_FILE = "deliveredFile";

	private final MediaProbe probe;

	private final Path outputFolder;

	OutputDelivery(MediaProbe probe, Path outputFolder) {
		this.probe = probe;
		this.outputFolder = outputFolder.toAbsolutePath().normalize();
	}

	Path outputFolder() {
		return this.outputFolder;
	}

	/**
	 * Makes the output's folder, refusing one that leads outside the output folder. A part
	 * file that is a symbolic link is removed: we never make one, and writing through one
	 * planted there would write wherever it points.
	 */
	void prepare(WorkItem item) {
		try {
			Files.createDirectories(item.output().getParent());
			if (Files.isSymbolicLink(item.partFile())) {
				Files.delete(item.partFile());
			}
		}
		catch (IOException ex) {
			throw new ItemFailedException("cannot create the output folder " + item.output().getParent() + ": "
					+ ex.getMessage(), ex);
		}
		checkInsideOutputFolder(item.output());
	}

	/**
	 * Whether an earlier run already moved this item's output into place but was killed
	 * before the ledger recorded it: the output is then the very file (same inode) that
	 * run journaled just before its rename, and making it again would deliver it twice.
	 */
	boolean deliveredBefore(WorkItem item) {
		String moved = item.handle(DELIVERED_FILE);
		return moved != null && !Files.exists(item.partFile(), LinkOption.NOFOLLOW_LINKS)
				&& moved.equals(fileKey(item.output()));
	}

	void deliver(WorkItem item, Journal journal) {
		Path part = item.partFile();
		checkInsideOutputFolder(item.output());
		if (!Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
			throw new ItemFailedException("the engine left no output to deliver (" + part.getFileName() + ")");
		}
		String problem = problem(part, item);
		if (problem != null) {
			deleteQuietly(part);
			throw new ItemFailedException("output check failed: " + problem);
		}
		// write-ahead, like a credit-costing call: a kill between the rename and the ledger's
		// record must not make the next run deliver the item again (see deliveredBefore)
		journal.record(DELIVERED_FILE, fileKey(part));
		try {
			try {
				Files.move(part, item.output(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new ItemFailedException("the output folder does not support atomic renames", ex);
			}
		}
		catch (IOException ex) {
			throw new ItemFailedException("cannot move the output into place: " + ex.getMessage(), ex);
		}
	}

	private String problem(Path part, WorkItem item) {
		MediaInfo output;
		try {
			output = this.probe.probe(part);
		}
		catch (UnreadableMediaException ex) {
			return ex.getMessage();
		}
		if (output.videoStreams().size() != 1) {
			return "expected one video stream, found " + output.videoStreams().size();
		}
		if (output.audioStreams().size() != 1) {
			return "expected one audio stream, found " + output.audioStreams().size();
		}
		double expected = inputDuration(item);
		if (Math.abs(output.durationSeconds() - expected) > DURATION_TOLERANCE) {
			return String.format(java.util.Locale.ROOT, "output lasts %.2f s but the input lasts %.2f s",
					output.durationSeconds(), expected);
		}
		return null;
	}

	/** The duration the engine recorded when it probed the input; a probe costs as much as the rest of the check. */
	private double inputDuration(WorkItem item) {
		String recorded = item.handle(WorkItem.INPUT_DURATION);
		if (recorded != null) {
			try {
				return Double.parseDouble(recorded);
			}
			catch (NumberFormatException ex) {
				// not a number we wrote: ask ffprobe
			}
		}
		return this.probe.probe(item.video()).durationSeconds();
	}

	/**
	 * A symlink planted in the output folder must not turn our write into one elsewhere,
	 * so the real location of the output's folder is checked, and the output itself may
	 * not be a link.
	 */
	private void checkInsideOutputFolder(Path output) {
		try {
			Path realFolder = this.outputFolder.toRealPath();
			Path realParent = output.getParent().toRealPath();
			if (!realParent.startsWith(realFolder) || Files.isSymbolicLink(output)) {
				throw new ItemFailedException("refusing to write " + output + ": it leads outside the output folder");
			}
		}
		catch (IOException ex) {
			throw new ItemFailedException("the output folder " + output.getParent() + " is not usable: " + ex.getMessage(), ex);
		}
	}

	/** The file's identity (device and inode on Unix), kept by a rename; null when it does not exist. */
	private static String fileKey(Path file) {
		try {
			Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
			return key == null ? null : key.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// the next attempt overwrites it anyway
		}
	}

}
