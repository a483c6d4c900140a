package bgmbatch.engine;

/**
 * A failure worth retrying the same call for (network, rate limit, server error). The message is shown to the operator, so it must say what went wrong in words
 * a person understands, and never contain a secret.
 */
public class TransientEngineException extends RuntimeException {

	public TransientEngineException(String message) {
		super(message);
	}

	public TransientEngineException(String message, Throwable cause) {
		super(message, cause);
	}

}
