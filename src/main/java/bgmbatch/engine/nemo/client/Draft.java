package bgmbatch.engine.nemo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The latest draft of a session. Fields are abbreviated by the service: {@code t} tracks,
 * {@code tt} track type (0 video, 1 audio, 7 text), {@code sg} segments.
 *
 * @param json the draft as the service sent it, passed back unchanged to a render
 */
public record Draft(JsonNode json) {

	static final int AUDIO = 1;

	/** Music was added: an audio track with at least one segment. */
	public boolean hasMusic() {
		for (JsonNode track : this.json.path("t")) {
			if (track.path("tt").asInt(-1) == AUDIO && track.path("sg").isArray() && !track.path("sg").isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/** Exportable: some track has segments. */
	public boolean hasSegments() {
		for (JsonNode track : this.json.path("t")) {
			if (track.path("sg").isArray() && !track.path("sg").isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/** A short description for the ledger, e.g. {@code tracks=video:1,audio:2}. */
	public String summary() {
		StringBuilder text = new StringBuilder("tracks=");
		for (JsonNode track : this.json.path("t")) {
			int type = track.path("tt").asInt(-1);
			String name = switch (type) {
				case 0 -> "video";
				case AUDIO -> "audio";
				case 7 -> "text";
				default -> "type" + type;
			};
			text.append(text.length() > 7 ? "," : "").append(name).append(':').append(track.path("sg").size());
		}
		return text.toString();
	}

}
