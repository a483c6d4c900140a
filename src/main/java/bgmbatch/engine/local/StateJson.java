package bgmbatch.engine.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local engine's state records as the ledger keeps them: one JSON object per record,
 * in one handle each, read back into the record (not numbers parsed out of strings one by
 * one). Unknown fields are ignored, so a row written by a later version still reads.
 */
final class StateJson {

	/** Thread-safe once configured; configured here and never again. */
	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private StateJson() {
	}

	static String write(Record state) {
		try {
			return JSON.writeValueAsString(state);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a state record of strings, numbers and lists always serializes", ex);
		}
	}

	static <T extends Record> T read(String json, Class<T> type) {
		try {
			return JSON.readValue(json, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("the ledger holds an unreadable " + type.getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
