package bgmbatch.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * An operating-system file lock, released by the kernel when the process dies, so a lock
 * left by a killed run is never stale: the next run simply gets it. The file holds the
 * holder's process id (first line) and, optionally, a note saying what it runs, for the
 * message of whoever finds it taken.
 */
public final class RunLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private RunLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the lock, or says who holds it.
	 * @return the lock, or empty when another live process holds it
	 */
	public static Optional<RunLock> tryAcquire(Path file) throws IOException {
		return tryAcquire(file, null);
	}

	/**
	 * Takes the lock and writes the process id and the note into its file.
	 * @return the lock, or empty when another live process holds it
	 */
	public static Optional<RunLock> tryAcquire(Path file, String note) throws IOException {
		Files.createDirectories(file.getParent());
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			return Optional.empty();
		}
		String text = ProcessHandle.current().pid() + (note == null ? "" : "\n" + note.replace('\n', ' '));
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
		channel.force(false);
		return Optional.of(new RunLock(channel, lock));
	}

	/** The process id written by the holder, or "unknown". */
	public static String holder(Path file) {
		List<String> lines = lines(file);
		return lines.isEmpty() || lines.get(0).isBlank() ? "unknown" : lines.get(0).strip();
	}

	/** The note written by the holder, or null. */
	public static String note(Path file) {
		List<String> lines = lines(file);
		return lines.size() < 2 || lines.get(1).isBlank() ? null : lines.get(1).strip();
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	@Override
	public void close() throws IOException {
		this.lock.release();
		this.channel.close();
	}

}
