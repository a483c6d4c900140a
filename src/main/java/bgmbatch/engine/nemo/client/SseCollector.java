package bgmbatch.engine.nemo.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * Reads one edit stream. Contract of the callbacks (okhttp-sse): events arrive in order on
 * the thread that processes the response; exactly one of {@code onClosed} (the server ended
 * the stream: the only "done" there is) or {@code onFailure} (the connection broke) comes
 * last, and nothing follows it. There is no automatic reconnect, and we never add one:
 * reconnecting would send the message again.
 */
final class SseCollector extends EventSourceListener {

	private final ObjectMapper json;

	private final Consumer<String> onText;

	private final List<String> texts = new ArrayList<>();

	private int toolEvents;

	private int heartbeats;

	private int ignored;

	private boolean dropped;

	SseCollector(ObjectMapper json, Consumer<String> onText) {
		this.json = json;
		this.onText = onText;
	}

	@Override
	public void onEvent(EventSource source, String id, String type, String data) {
		if (data == null || data.isBlank()) {
			this.heartbeats++;
			return;
		}
		JsonNode event;
		try {
			event = this.json.readTree(data);
		}
		catch (java.io.IOException ex) {
			this.ignored++;
			return;
		}
		if (event == null || !event.isObject()) {
			this.ignored++;
			return;
		}
		switch (event.path("type").asText("")) {
			case "text" -> text(event.path("content"));
			case "heartbeat" -> this.heartbeats++;
			case "tool_call", "tool_result" -> this.toolEvents++;
			default -> agentShaped(event);
		}
	}

	/** Agent-framework events carry {@code content.parts[].text}; anything else is not ours to judge. */
	private void agentShaped(JsonNode event) {
		JsonNode parts = event.path("content").path("parts");
		boolean found = false;
		for (JsonNode part : parts) {
			if (part.path("text").isTextual()) {
				text(part.path("text"));
				found = true;
			}
			else if (part.has("function_call") || part.has("function_response") || part.has("functionCall")
					|| part.has("functionResponse")) {
				this.toolEvents++;
				found = true;
			}
		}
		if (!found) {
			this.ignored++;
		}
	}

	private void text(JsonNode content) {
		String text = content.isTextual() ? content.asText() : content.path("text").asText("");
		if (!text.isBlank()) {
			this.texts.add(text.strip());
			this.onText.accept(text.strip());
		}
	}

	@Override
	public void onClosed(EventSource source) {
		this.dropped = false;
	}

	@Override
	public void onFailure(EventSource source, Throwable failure, okhttp3.Response response) {
		this.dropped = true;
	}

	EditStream result() {
		return new EditStream(this.dropped, this.texts, this.toolEvents, this.heartbeats, this.ignored);
	}

}
