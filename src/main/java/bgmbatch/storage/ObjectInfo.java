package bgmbatch.storage;

import java.time.Instant;
import java.util.Map;

/**
 * What the store says about an object.
 *
 * @param size its length in bytes
 * @param etag its entity tag (quotes included, as S3 sends it)
 * @param lastModified when it was written, or null
 * @param metadata its user metadata ({@code x-amz-meta-*}, names without the prefix)
 */
public record ObjectInfo(long size, String etag, Instant lastModified, Map<String, String> metadata) {

	public ObjectInfo {
		metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
	}

}
