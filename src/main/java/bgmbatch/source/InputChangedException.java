package bgmbatch.source;

import bgmbatch.engine.ItemFailedException;

/**
 * A remote input is no longer the version an item began with (its ETag, date or content
 * changed). What was made from the old version does not fit the new one: the item must
 * start again from its first stage.
 */
public final class InputChangedException extends ItemFailedException {

	public InputChangedException(String message) {
		super(message);
	}

}
