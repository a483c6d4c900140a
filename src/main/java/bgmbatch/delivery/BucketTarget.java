package bgmbatch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.WorkItem;
import bgmbatch.storage.ObjectInfo;
import bgmbatch.storage.ObjectStore;
import bgmbatch.storage.ObjectStoreException;
import bgmbatch.storage.S3Location;

/**
 * Outputs to {@code output=s3://bucket/prefix/}. Outputs are made and verified in a local
 * staging folder exactly as for a local output folder; each verified output is then
 * uploaded to the prefix (in parts when large; S3 shows an object only once its upload is
 * complete, so a half-written output is never in sight) and its staged copy deleted.
 * <p>
 * Never uploaded twice: the output's content hash is journaled before the upload and
 * stored with the object as metadata; the object's ETag is journaled after. A run killed
 * after the upload but before the ETag was recorded finds the object with that hash and
 * takes it as delivered. A multipart upload cut short by a kill is aborted by the next
 * attempt (its id is journaled when it starts).
 */
public final class BucketTarget implements OutputTarget {

	private static final Log logger = LogFactory.getLog(BucketTarget.class);

	/** Handle: the ETag of the uploaded output. */
	public static final String PUBLISHED_ETAG = "output.etag";

	/** Handle, write-ahead: the content hash of the output being uploaded. */
	static final String PUBLISHING_SHA256 = "output.sha256";

	/** Handle, write-ahead: the id of a multipart upload in progress. */
	static final String UPLOAD_ID = "output.upload";

	/** The object metadata holding the content hash ({@code x-amz-meta-bgm-sha256}). */
	static final String SHA256_METADATA = "bgm-sha256";

	private final Supplier<ObjectStore> store;

	private final S3Location prefix;

	private final Path staging;

	private volatile Set<String> listing;

	/**
	 * @param prefix the bucket and key prefix outputs go under
	 * @param staging the local folder outputs are made in (the job's output folder)
	 */
	public BucketTarget(Supplier<ObjectStore> store, S3Location prefix, Path staging) {
		this.store = store;
		this.prefix = prefix;
		this.staging = staging.toAbsolutePath().normalize();
	}

	@Override
	public boolean publishedBefore(WorkItem item) {
		String etag = item.handle(PUBLISHED_ETAG);
		if (etag == null) {
			return false;
		}
		Optional<ObjectInfo> there = head(location(item.output()));
		if (there.isEmpty() || !etag.equals(there.get().etag())) {
			// deleted or replaced since: the item makes it again
			return false;
		}
		deleteQuietly(item.output());
		return true;
	}

	@Override
	public void publish(WorkItem item, Journal journal) {
		Path staged = item.output();
		S3Location location = location(staged);
		String sha256 = sha256(staged);
		if (!sha256.equals(item.handle(PUBLISHING_SHA256))) {
			journal.record(PUBLISHING_SHA256, sha256);
		}
		String stale = item.handle(UPLOAD_ID);
		if (stale != null) {
			// a kill cut that upload short: its parts are no object, only a cost
			store().abortUpload(location, stale);
			journal.record(UPLOAD_ID, null);
		}
		Optional<ObjectInfo> there = head(location);
		String etag;
		if (there.isPresent() && sha256.equals(there.get().metadata().get(SHA256_METADATA))) {
			// uploaded by an attempt killed before it could record so
			etag = there.get().etag();
		}
		else {
			etag = upload(location, staged, sha256, journal).etag();
		}
		journal.record(PUBLISHED_ETAG, etag);
		journal.record(UPLOAD_ID, null);
		deleteQuietly(staged);
	}

	private ObjectInfo upload(S3Location location, Path staged, String sha256, Journal journal) {
		try {
			return store().upload(location, staged, Map.of(SHA256_METADATA, sha256),
					(uploadId) -> journal.record(UPLOAD_ID, uploadId));
		}
		catch (ObjectStoreException ex) {
			throw failure(ex);
		}
	}

	@Override
	public boolean exists(Path output) {
		Set<String> keys = this.listing;
		if (keys == null) {
			// one listing per run instead of a request per delivered item
			keys = store().keys(this.prefix);
			this.listing = keys;
		}
		return keys.contains(location(output).key());
	}

	@Override
	public String publishReports(Path folder) {
		String html = folder.resolve(REPORT).toString();
		for (String name : new String[] { "report.csv", "report.json", REPORT }) {
			Path report = folder.resolve(name);
			if (!Files.isRegularFile(report)) {
				continue;
			}
			String type = name.endsWith(".csv") ? "text/csv" : name.endsWith(".json") ? "application/json" : "text/html";
			S3Location location = this.prefix.resolve(name);
			try {
				store().put(location, report, type + "; charset=utf-8");
				if (name.equals(REPORT)) {
					html = location.toString();
				}
			}
			catch (ObjectStoreException ex) {
				logger.warn("cannot upload " + name + " to " + this.prefix + ": " + ex.getMessage());
			}
		}
		return html;
	}

	@Override
	public String describe(Path localFile) {
		return location(localFile).toString();
	}

	/** The object an output of the staging folder becomes: its path below the folder, below the prefix. */
	S3Location location(Path output) {
		Path relative = this.staging.relativize(output.toAbsolutePath().normalize());
		return this.prefix.resolve(relative.toString().replace('\\', '/'));
	}

	private Optional<ObjectInfo> head(S3Location location) {
		try {
			return store().head(location);
		}
		catch (ObjectStoreException ex) {
			throw failure(ex);
		}
	}

	private ObjectStore store() {
		return this.store.get();
	}

	/**
	 * The SDK has already retried network errors and 5xx (its standard mode, 3 attempts):
	 * retrying here too would multiply them, so the item fails and the next run tries again.
	 */
	private static RuntimeException failure(ObjectStoreException ex) {
		return new ItemFailedException(ex.getMessage(), ex);
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new ItemFailedException("cannot read the output " + file.getFileName() + " to upload it: "
					+ ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a staged copy left behind is replaced by the next delivery
		}
	}

}
