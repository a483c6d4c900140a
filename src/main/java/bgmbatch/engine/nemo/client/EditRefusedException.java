package bgmbatch.engine.nemo.client;

import bgmbatch.engine.TransientEngineException;

/**
 * The service refused the edit message before accepting it (rate limit, expired token):
 * it did not process it, so sending it later does not pay twice.
 */
public final class EditRefusedException extends TransientEngineException {

	public EditRefusedException(String message) {
		super(message);
	}

}
