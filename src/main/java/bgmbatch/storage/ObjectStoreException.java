package bgmbatch.storage;

/** An object store refused or failed a request; {@link #kind()} says what the caller should make of it. */
public final class ObjectStoreException extends RuntimeException {

	/** What went wrong, as far as a caller's decision goes. */
	public enum Kind {

		/** No such bucket or key. */
		NOT_FOUND,
		/** The credentials do not allow it. */
		DENIED,
		/** The object is no longer the one asked for (its ETag changed). */
		CHANGED,
		/** Network trouble or a server error: worth another try later. */
		TRANSIENT,
		/** Anything else: a bad request, a bad setting. */
		OTHER

	}

	private final Kind kind;

	public ObjectStoreException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

}
