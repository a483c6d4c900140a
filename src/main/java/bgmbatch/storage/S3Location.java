package bgmbatch.storage;

import java.util.Locale;

/**
 * A bucket and a key (or key prefix), written {@code s3://bucket/key}. The key is taken
 * as written: S3 keys are plain strings, not URI paths.
 */
public record S3Location(String bucket, String key) {

	public S3Location {
		if (bucket == null || bucket.isEmpty()) {
			throw new IllegalArgumentException("an s3 address needs a bucket: s3://bucket/key");
		}
		key = key == null ? "" : key;
	}

	/** @throws IllegalArgumentException when the text is not {@code s3://bucket/...} */
	public static S3Location parse(String text) {
		String value = text.strip();
		if (!value.toLowerCase(Locale.ROOT).startsWith("s3://")) {
			throw new IllegalArgumentException("'" + text + "' is not an s3:// address");
		}
		String rest = value.substring("s3://".length());
		int slash = rest.indexOf('/');
		String bucket = slash < 0 ? rest : rest.substring(0, slash);
		String key = slash < 0 ? "" : rest.substring(slash + 1);
		if (bucket.isEmpty()) {
			throw new IllegalArgumentException("an s3 address needs a bucket: s3://bucket/key");
		}
		return new S3Location(bucket, key);
	}

	/** Whether the text names a bucket location rather than a path. */
	public static boolean isS3(String text) {
		return text != null && text.strip().toLowerCase(Locale.ROOT).startsWith("s3://");
	}

	/** A key below this one, which is read as a prefix ("folder"). */
	public S3Location resolve(String name) {
		return new S3Location(this.bucket, asPrefix().key() + name);
	}

	/** The same location read as a prefix ("folder"): its key ends with a slash unless it is the whole bucket. */
	public S3Location asPrefix() {
		return this.key.isEmpty() || this.key.endsWith("/") ? this : new S3Location(this.bucket, this.key + "/");
	}

	@Override
	public String toString() {
		return "s3://" + this.bucket + "/" + this.key;
	}

}
