package bgmbatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.settings.RemoteProperties;

/**
 * One fetch of a remote input into its cache entry's part file, resumed where it broke
 * off: what arrived stays, and the next attempt asks for the rest (a Range request over
 * HTTP, an offset read on S3), provided the version is still the one the first bytes came
 * from. The retry ladder lives here and nowhere else: a broken transfer, a timeout, 429
 * and 5xx are retried with backoff, at most {@code maxRetries} times.
 */
final class Download {

	private static final Log logger = LogFactory.getLog(Download.class);

	private final RemoteProperties.Remote settings;

	Download(RemoteProperties.Remote settings) {
		this.settings = settings;
	}

	/** @return the identity of the version fetched: its validator, else a hash of its content */
	String run(Origin origin, InputCache.Entry entry) {
		long limit = this.settings.maxSize().toBytes();
		int failures = 0;
		while (true) {
			long have = size(entry.part());
			String validator = have > 0 ? readValidator(entry) : null;
			try (Origin.Opening opening = origin.open(validator == null ? 0 : have, validator)) {
				if (opening.body() == null) {
					return identity(validator, entry.part());
				}
				if (opening.total() > limit) {
					throw new SteadyCopy.TooLargeException(limit);
				}
				boolean append = opening.start() > 0;
				if (!append) {
					// before the first byte, so a cut transfer knows which version it holds
					writeValidator(entry, opening.validator());
				}
				try (OutputStream out = Files.newOutputStream(entry.part(), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
					SteadyCopy.copy(opening.body(), out, this.settings.readTimeout(), limit, append ? have : 0, null);
				}
				if (opening.total() >= 0 && size(entry.part()) != opening.total()) {
					throw new IOException("the transfer ended at " + size(entry.part()) + " of " + opening.total() + " bytes");
				}
				return identity(opening.validator(), entry.part());
			}
			catch (SteadyCopy.TooLargeException ex) {
				deleteQuietly(entry.part());
				throw new ItemRejectedException("the input at " + origin.describe() + " cannot be fetched: " + ex.getMessage());
			}
			catch (IOException ex) {
				failures++;
				String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
				if (failures > this.settings.maxRetries()) {
					throw new ItemFailedException("could not fetch " + origin.describe() + " after " + failures
							+ " attempts (" + why + "); the next run resumes it", ex);
				}
				Duration wait = ex instanceof Origin.RetryLater later && later.waitAsked() != null ? later.waitAsked()
						: backoff(failures);
				logger.info("fetching " + origin.describe() + " broke off (" + why + "); attempt " + (failures + 1)
						+ " in " + wait.toMillis() + " ms, from byte " + size(entry.part()));
				pause(wait);
			}
		}
	}

	private Duration backoff(int attempt) {
		long initial = this.settings.backoffInitial().toMillis();
		long delay = Math.min(this.settings.backoffMax().toMillis(), initial << Math.min(20, attempt - 1));
		return Duration.ofMillis(delay);
	}

	/** The validator when the origin gave one, else the content's hash: the identity the item pins. */
	private static String identity(String validator, Path file) throws IOException {
		if (validator != null) {
			return validator;
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static String readValidator(InputCache.Entry entry) {
		try {
			return Files.isRegularFile(entry.validatorFile()) ? Files.readString(entry.validatorFile()) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void writeValidator(InputCache.Entry entry, String validator) throws IOException {
		if (validator == null) {
			Files.deleteIfExists(entry.validatorFile());
		}
		else {
			Files.writeString(entry.validatorFile(), validator);
		}
	}

	private static long size(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// the next fetch truncates it
		}
	}

	private static void pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientEngineException("interrupted while waiting to resume a fetch", ex);
		}
	}

}
