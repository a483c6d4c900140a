package bgmbatch.engine.nemo.client;

import bgmbatch.engine.ItemFailedException;

/** Code 1002: the session is gone; the item needs a new session and a new upload. */
public final class SessionGoneException extends ItemFailedException {

	public SessionGoneException(String message) {
		super(message);
	}

}
