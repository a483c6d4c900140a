package bgmbatch.source;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.storage.ObjectInfo;
import bgmbatch.storage.ObjectStore;
import bgmbatch.storage.ObjectStoreException;
import bgmbatch.storage.S3Location;

/** An input in an S3-compatible bucket. A resumed read asks for the same ETag, so two versions are never spliced. */
final class ObjectOrigin implements Origin {

	private final Supplier<ObjectStore> store;

	private final SourceUrl source;

	private final S3Location location;

	ObjectOrigin(Supplier<ObjectStore> store, SourceUrl source) {
		this.store = store;
		this.source = source;
		this.location = source.location();
	}

	@Override
	public String describe() {
		return this.source.masked();
	}

	@Override
	public Opening open(long from, String validator) throws IOException {
		String etag = validator != null && validator.startsWith("etag:") ? validator.substring(5) : null;
		try {
			if (from > 0) {
				Optional<ObjectInfo> head = this.store.get().head(this.location);
				if (head.isEmpty()) {
					throw new ObjectStoreException(ObjectStoreException.Kind.NOT_FOUND, "no such object", null);
				}
				if (!head.get().etag().equals(etag)) {
					return open(0, null);
				}
				if (head.get().size() == from) {
					return new Opening(null, from, from, validator);
				}
			}
			ObjectStore.Read read = this.store.get().read(this.location, from, from > 0 ? etag : null);
			return new Opening(read.body(), read.from(), read.info().size(), "etag:" + read.info().etag());
		}
		catch (ObjectStoreException ex) {
			return switch (ex.kind()) {
				case NOT_FOUND -> throw new ItemRejectedException("there is no object at " + describe(), ex);
				case CHANGED -> open(0, null);
				// the SDK retried the request already (a body that breaks later is resumed by the
				// caller, which the SDK cannot do); credentials or settings are fixable on our side:
				// the item fails and a rerun tries again
				case TRANSIENT, DENIED, OTHER -> throw new ItemFailedException(ex.getMessage(), ex);
			};
		}
	}

}
