package bgmbatch.engine;

/**
 * The whole job must stop cleanly, restartable later: out of credits, or a plan limit.
 * Items already delivered stay delivered; the item in hand stays at its stage.
 */
public class JobHaltException extends RuntimeException {

	public JobHaltException(String message) {
		super(message);
	}

	public JobHaltException(String message, Throwable cause) {
		super(message, cause);
	}

}
