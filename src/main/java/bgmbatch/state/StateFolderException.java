package bgmbatch.state;

/** The state folder cannot be used; nothing can run until it can. */
public class StateFolderException extends RuntimeException {

	public StateFolderException(String message) {
		super(message);
	}

}
