package bgmbatch.engine;

/**
 * The item can never succeed as given (unsupported or broken input): it is skipped with the reason. The message is shown to the operator, so it must say what went wrong in words
 * a person understands, and never contain a secret.
 */
public class ItemRejectedException extends RuntimeException {

	public ItemRejectedException(String message) {
		super(message);
	}

	public ItemRejectedException(String message, Throwable cause) {
		super(message, cause);
	}

}
