package bgmbatch.settings;

/** The command line or a setting is wrong; the message says how, in one line (exit 2). */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}

}
