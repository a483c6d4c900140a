package bgmbatch.engine.local;

import java.util.Map;

/**
 * What the upload stage learnt of the input video, kept for the later stages.
 *
 * @param durationSeconds how long the output lasts
 * @param hasAudio whether the video has sound of its own
 * @param audioTracks how many audio tracks it has
 * @param videoIndex the index of the video stream that is kept
 * @param videoCodec that stream's codec
 * @param displayHeight its height as displayed
 * @param streams the other streams, as {@link ExtraStreams#record} writes them
 * @param chapters how many chapters the input has
 */
record ProbedInput(double durationSeconds, boolean hasAudio, int audioTracks, int videoIndex, String videoCodec,
		int displayHeight, String streams, int chapters) {

	/** The handle holding it. */
	static final String HANDLE = "local.input";

	Map<String, String> toHandle() {
		return Map.of(HANDLE, StateJson.write(this));
	}

	/**
	 * The probe an item's handles hold. Rows written before the state was typed kept each
	 * value in a handle of its own, as text: those are read too, so a restart over an
	 * older database goes on.
	 */
	static ProbedInput of(Map<String, String> handles) {
		String json = handles.get(HANDLE);
		if (json != null) {
			return StateJson.read(json, ProbedInput.class);
		}
		return new ProbedInput(Double.parseDouble(handles.get("duration")), Boolean.parseBoolean(handles.get("hasAudio")),
				Integer.parseInt(handles.getOrDefault("audioTracks", "0")), Integer.parseInt(handles.get("videoIndex")),
				handles.get("videoCodec"), Integer.parseInt(handles.getOrDefault("displayHeight", "0")),
				handles.get("streams"), Integer.parseInt(handles.getOrDefault("chapters", "0")));
	}

}
