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

import bgmbatch.source.RemoteInputs;
import bgmbatch.source.SourceUrl;
import bgmbatch.state.StateFolder;

/**
 * What can be checked about a row's files without an engine: whether they are there,
 * readable, not empty and of a type we take, and the input's fingerprint. The prepare step
 * turns a problem into a skipped item; every plain run asks again for the items skipped
 * on their way in (a file that has arrived since); a dry run asks for every row.
 */
final class InputCheck {

	static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "avi", "webm", "mkv");

	/** Hashing whole multi-gigabyte inputs would cost more than the edit; ends and size suffice to notice a change. */
	private static final int FINGERPRINT_SAMPLE = 1 << 16;

	private final RemoteInputs remote;

	InputCheck(RemoteInputs remote) {
		this.remote = remote;
	}

	/**
	 * Why the row's inputs cannot be used, or null.
	 * @param video the video file (for an address: where its copy will be)
	 * @param music the music file, or null
	 * @param videoUrl the video's address, or null for a file
	 * @param musicUrl the music's address, or null for a file
	 */
	String problem(Path video, Path music, String videoUrl, String musicUrl) {
		String remoteProblem = remoteProblem(videoUrl);
		if (remoteProblem == null) {
			remoteProblem = remoteProblem(musicUrl);
		}
		if (videoUrl != null || remoteProblem != null) {
			return remoteProblem != null ? remoteProblem : localMusicProblem(music, musicUrl);
		}
		String extension = extension(video);
		if (!Files.exists(video)) {
			return "the video " + video + " does not exist";
		}
		if (!Files.isRegularFile(video)) {
			return "the video " + video + " is not a file";
		}
		if (!Files.isReadable(video)) {
			return "the video " + video + " is not readable (check its permissions)";
		}
		if (isEmpty(video)) {
			return "the video " + video + " is empty (0 bytes); was its copy or download interrupted?";
		}
		if (!VIDEO_EXTENSIONS.contains(extension)) {
			return "unsupported video type '." + extension + "'; accepted: mp4, mov, avi, webm, mkv";
		}
		return localMusicProblem(music, musicUrl);
	}

	/** The input's fingerprint (an address's own, for a remote one), or null when it cannot be read. */
	static String fingerprint(Path video, String videoUrl) {
		// a remote input is identified when it is fetched (its ETag, date or content hash)
		return videoUrl != null ? "url:" + StateFolder.slug(videoUrl) : fingerprint(video);
	}

	private static String localMusicProblem(Path music, String musicUrl) {
		if (musicUrl == null && music != null && !(Files.isRegularFile(music) && Files.isReadable(music))) {
			return "the music file " + music + " does not exist or is not readable";
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
