package bgmbatch.engine.nemo.client;

import java.util.List;

/**
 * What one edit stream brought.
 *
 * @param dropped the connection failed before the server closed the stream
 * @param texts the assistant's texts in order
 * @param toolEvents tool calls and results seen
 * @param heartbeats heartbeats and empty data lines seen
 * @param ignored events of a shape we do not know
 */
public record EditStream(boolean dropped, List<String> texts, int toolEvents, int heartbeats, int ignored) {

	public EditStream {
		texts = List.copyOf(texts);
	}

	public String lastText() {
		return this.texts.isEmpty() ? null : this.texts.get(this.texts.size() - 1);
	}

}
