package bgmbatch;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads and initialises Jackson on Spring Boot's background start-up thread (the
 * {@code background-preinit} thread Boot runs on machines with more than one core), while
 * the main thread builds the context. Every run needs it before its first item is done
 * (ffprobe's answers, the ledger's plans, the report) and it is the largest library a run
 * loads: about 550 classes, a fifth of a second of a plain {@code java -jar} start on two
 * cores. Doing what a run does with it (read a tree, write and read a map) loads the
 * classes those paths need.
 */
final class JacksonPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		ObjectMapper json = new ObjectMapper();
		json.readTree("{\"streams\":[{\"index\":0}],\"format\":{\"duration\":\"1.0\"}}");
		json.readValue(json.writeValueAsString(Map.of("plan", "x")), new TypeReference<Map<String, String>>() {
		});
	}

}
