package bgmbatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Copies a download to its file, bounding the time per byte and the size. A fetch has no
 * deadline (a large input takes long), and a server sending a byte now and then never
 * trips the read timeout, so without a floor on the average rate a fetch could last
 * forever; without a size bound, a server could fill the disk.
 */
final class SteadyCopy {

	/**
	 * The slowest average a fetch may keep, as for the cloud engine's downloads: 16 KiB/s
	 * still brings a 500 MB file in under 9 hours; anything slower is a stalled connection.
	 */
	static final long MIN_BYTES_PER_SECOND = 16 * 1024;

	private SteadyCopy() {
	}

	/**
	 * @param grace how long the rate may stay below the floor at the start (the read timeout)
	 * @param limit the most bytes the whole file may have
	 * @param already bytes the file has before this copy
	 * @param digest updated with every byte copied, or null
	 * @return bytes copied
	 * @throws InterruptedIOException when the transfer trickles (a retry resumes it)
	 * @throws TooLargeException when the file would exceed the limit (no retry helps)
	 */
	static long copy(InputStream in, OutputStream out, Duration grace, long limit, long already, MessageDigest digest)
			throws IOException {
		long start = System.nanoTime();
		long copied = 0;
		byte[] buffer = new byte[64 * 1024];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			if (already + copied + read > limit) {
				throw new TooLargeException(limit);
			}
			out.write(buffer, 0, read);
			if (digest != null) {
				digest.update(buffer, 0, read);
			}
			copied += read;
			long elapsed = System.nanoTime() - start;
			double rate = copied * 1e9 / Math.max(1, elapsed);
			if (elapsed > grace.toNanos() && rate < MIN_BYTES_PER_SECOND) {
				throw new InterruptedIOException(String.format(Locale.ROOT,
						"the transfer trickles at %.0f bytes/s, below the %d bytes/s a live transfer keeps up", rate,
						MIN_BYTES_PER_SECOND));
			}
		}
		return copied;
	}

	/** The input is larger than the size limit. */
	static final class TooLargeException extends RuntimeException {

		TooLargeException(long limit) {
			super("it is larger than the " + humanSize(limit)
					+ " an input may have (remote.max-size=...)");
		}

	}

	static String humanSize(long bytes) {
		if (bytes >= 1L << 30) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
	}

}
