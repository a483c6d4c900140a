package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * The music the edit stage chose for an item, and its length once verified.
 *
 * @param file the music file
 * @param label how the plan names it ("library/calm-02.mp3", "built-in/calm")
 * @param note why the library chose as it did, when it had to compromise, or null
 * @param seconds its length, 0 until the verify stage has measured it
 */
record MusicChoice(String file, String label, String note, double seconds) {

	/** The handle holding it. */
	static final String HANDLE = "local.music";

	MusicChoice(Path file, String label, String note) {
		this(file.toString(), label, note, 0);
	}

	Path path() {
		return Path.of(this.file);
	}

	MusicChoice measured(double seconds) {
		return new MusicChoice(this.file, this.label, this.note, seconds);
	}

	Map<String, String> toHandle() {
		return Map.of(HANDLE, StateJson.write(this));
	}

	/**
	 * The choice an item's handles hold; rows written before the state was typed (one text
	 * handle per value) are read too.
	 */
	static MusicChoice of(Map<String, String> handles) {
		String json = handles.get(HANDLE);
		if (json != null) {
			return StateJson.read(json, MusicChoice.class);
		}
		return new MusicChoice(handles.get("music"), handles.get("musicLabel"), handles.get("musicNote"),
				Double.parseDouble(handles.getOrDefault("musicSeconds", "0")));
	}

}
