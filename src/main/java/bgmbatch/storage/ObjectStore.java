package bgmbatch.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An S3-compatible object store, in our own terms (no SDK type crosses this interface, so
 * the SDK is loaded only when an {@code s3://} address is used). Failures are
 * {@link ObjectStoreException}s.
 */
public interface ObjectStore {

	/** The object's facts, or empty when there is no such object. */
	Optional<ObjectInfo> head(S3Location location);

	/**
	 * Opens the object's bytes from {@code from} on.
	 * @param etag when not null, the read fails with {@link ObjectStoreException.Kind#CHANGED}
	 * unless the object still has this ETag (a resumed read must not splice two versions)
	 */
	Read read(S3Location location, long from, String etag);

	/**
	 * Uploads a file. Large files go up in parts; either way the object appears only once
	 * it is complete (S3 publishes a PUT, or a multipart upload's completion, whole).
	 * @param metadata user metadata stored with the object
	 * @param multipartStarted called with the id of a multipart upload before its first
	 * part is sent, so a caller killed mid-upload can abort it later
	 * @return the new object's facts
	 */
	ObjectInfo upload(S3Location location, Path file, Map<String, String> metadata, Consumer<String> multipartStarted);

	/** Aborts a multipart upload left by a killed run (its parts cost storage until then); quiet when it is gone. */
	void abortUpload(S3Location location, String uploadId);

	/** Uploads a small file in one request, replacing what is there (the reports). */
	void put(S3Location location, Path file, String contentType);

	/** The keys under a prefix. */
	Set<String> keys(S3Location prefix);

	/**
	 * An open read.
	 * @param body the bytes from the requested offset on; the caller closes it
	 * @param info the object's facts
	 * @param from the offset the body starts at
	 */
	record Read(InputStream body, ObjectInfo info, long from) implements AutoCloseable {

		@Override
		public void close() throws java.io.IOException {
			this.body.close();
		}

	}

}
