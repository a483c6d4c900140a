package bgmbatch.engine;

/**
 * The item failed; other items go on and a restart tries this one again. The message is shown to the operator, so it must say what went wrong in words
 * a person understands, and never contain a secret.
 */
public class ItemFailedException extends RuntimeException {

	public ItemFailedException(String message) {
		super(message);
	}

	public ItemFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
