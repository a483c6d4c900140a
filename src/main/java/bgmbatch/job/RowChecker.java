package bgmbatch.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.manifest.ManifestRow;
import bgmbatch.source.RemoteInputs;
import bgmbatch.source.SourceUrl;
import bgmbatch.state.StateFolder;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a manifest row into a ledger item, checking what can be checked without an
 * engine. A row whose files are missing or unusable becomes a skipped item with the
 * reason, so the rest of the job goes on.
 */
final class RowChecker implements ItemProcessor<ManifestRow, LedgerItem> {

	static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "avi", "webm", "mkv");

	/** Hashing whole multi-gigabyte inputs would cost more than the edit; ends and size suffice to notice a change. */
	private static final int FINGERPRINT_SAMPLE = 1 << 16;

	private final String jobKey;

	private final Ledger ledger;

	private final RemoteInputs remote;

	RowChecker(String jobKey, Ledger ledger, RemoteInputs remote) {
		this.jobKey = jobKey;
		this.ledger = ledger;
		this.remote = remote;
	}

	@Override
	public LedgerItem process(ManifestRow row) {
		if (this.ledger.contains(this.jobKey, row.id())) {
			// a restart: the item keeps its progress, and its files need not be read again
			return null;
		}
		String problem = problem(row);
		String fingerprint = null;
		if (problem == null) {
			// a remote input is identified when it is fetched (its ETag, date or content hash)
			fingerprint = row.videoUrl() != null ? "url:" + StateFolder.slug(row.videoUrl()) : fingerprint(row.video());
		}
		if (problem == null && fingerprint == null) {
			problem = "the video " + row.video() + " cannot be read";
		}
		return LedgerItem.fresh(this.jobKey, row.id(), row.row(), row.line(), row.video(), fingerprint,
				row.instruction(), row.music(), row.output(),
				WorkItem.rowHandles(row.language(), row.videoUrl(), row.musicUrl()),
				problem == null ? ItemStatus.PENDING : ItemStatus.SKIPPED, problem);
	}

	private String problem(ManifestRow row) {
		String remoteProblem = remoteProblem(row.videoUrl());
		if (remoteProblem == null) {
			remoteProblem = remoteProblem(row.musicUrl());
		}
		if (row.videoUrl() != null || remoteProblem != null) {
			return remoteProblem != null ? remoteProblem : localMusicProblem(row);
		}
		String extension = extension(row.video());
		if (!Files.exists(row.video())) {
			return "the video " + row.video() + " does not exist";
		}
		if (!Files.isRegularFile(row.video())) {
			return "the video " + row.video() + " is not a file";
		}
		if (!Files.isReadable(row.video())) {
			return "the video " + row.video() + " is not readable (check its permissions)";
		}
		if (isEmpty(row.video())) {
			return "the video " + row.video() + " is empty (0 bytes); was its copy or download interrupted?";
		}
		if (!VIDEO_EXTENSIONS.contains(extension)) {
			return "unsupported video type '." + extension + "'; accepted: mp4, mov, avi, webm, mkv";
		}
		return localMusicProblem(row);
	}

	private static String localMusicProblem(ManifestRow row) {
		if (row.musicUrl() == null && row.music() != null
				&& !(Files.isRegularFile(row.music()) && Files.isReadable(row.music()))) {
			return "the music file " + row.music() + " does not exist or is not readable";
		}
		return null;
	}

	private String remoteProblem(String url) {
		return url == null ? null : this.remote.problem(SourceUrl.parse(url).orElseThrow());
	}

	private static boolean isEmpty(Path file) {
		try {
			return Files.size(file) == 0;
		}
		catch (IOException ex) {
			// unreadable: the fingerprint reports it
			return false;
		}
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** Size plus a hash of the first and last 64 KiB: cheap, and changes when the file is replaced. */
	static String fingerprint(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			long size = Files.size(file);
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(in.readNBytes(FINGERPRINT_SAMPLE));
			long tail = size - 2L * FINGERPRINT_SAMPLE;
			if (tail > 0) {
				in.skipNBytes(tail);
			}
			digest.update(in.readAllBytes());
			return size + ":" + HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (IOException ex) {
			return null;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
