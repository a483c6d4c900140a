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
import java.util.Optional;

/**
 * One run per manifest at a time. The lock is an operating-system file lock, released
 * by the kernel when the process dies, so a lock left by a killed run is never stale:
 * the next run simply gets it. The file holds the holder's process id for the message.
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
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
		channel.force(false);
		return Optional.of(new RunLock(channel, lock));
	}

	/** The process id written by the holder, or "unknown". */
	public static String holder(Path file) {
		try {
			String text = Files.readString(file).strip();
			return text.isEmpty() ? "unknown" : text;
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	@Override
	public void close() throws IOException {
		this.lock.release();
		this.channel.close();
	}

}
