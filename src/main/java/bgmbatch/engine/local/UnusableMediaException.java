package bgmbatch.engine.local;

/** A file the engine cannot use, with a one-line reason meant for a person. */
final class UnusableMediaException extends RuntimeException {

	UnusableMediaException(String reason) {
		super(reason);
	}

}
