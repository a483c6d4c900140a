package bgmbatch.storage.aws;

import java.util.function.Supplier;

import bgmbatch.storage.ObjectStore;
import bgmbatch.storage.S3Properties;

/**
 * The object store, made on first use. Making the SDK's client and its first request
 * took 1.3–2.6 s here (see README, "Footprint"); a job with no {@code s3://} address
 * never loads a class of the SDK, because nothing outside this package names one and
 * this is the only way in (no SDK type appears in this bean's signatures, which Spring
 * reads).
 */
public final class ObjectStores implements Supplier<ObjectStore> {

	private final S3Properties properties;

	private volatile ObjectStore store;

	public ObjectStores(S3Properties properties) {
		this.properties = properties;
	}

	@Override
	public ObjectStore get() {
		ObjectStore made = this.store;
		if (made == null) {
			synchronized (this) {
				made = this.store;
				if (made == null) {
					made = AwsObjectStore.create(this.properties);
					this.store = made;
				}
			}
		}
		return made;
	}

	/** Closes the store if one was made. */
	public void close() {
		ObjectStore made = this.store;
		if (made instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing an idle HTTP client: nothing to lose
			}
		}
	}

}
