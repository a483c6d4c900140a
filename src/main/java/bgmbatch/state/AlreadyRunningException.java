package bgmbatch.state;

/** Another live process holds the run lock of the manifest: this run must not touch its state. */
public class AlreadyRunningException extends RuntimeException {

	public AlreadyRunningException(String message) {
		super(message);
	}

}
