package bgmbatch.engine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One manifest row as an engine sees it, with what earlier stages recorded.
 *
 * @param jobKey the job the item belongs to
 * @param id the item's id, unique within the job
 * @param video the input video (absolute)
 * @param instruction the user's plain-language instruction, never null
 * @param music the music file from the manifest, or null
 * @param output the final output file (absolute, inside the output folder)
 * @param plan the engine's interpreted plan, once the edit stage has made one
 * @param handles engine handles recorded so far (remote ids, probe results)
 * @param attempts how many times a stage of this item has failed before
 * @param seq the item's position in the manifest (1 for the first row), 0 when unknown
 */
public record WorkItem(String jobKey, String id, Path video, String instruction, Path music, Path output,
		Plan plan, Map<String, String> handles, int attempts, int seq) {

	public WorkItem(String jobKey, String id, Path video, String instruction, Path music, Path output, Plan plan,
			Map<String, String> handles, int attempts) {
		this(jobKey, id, video, instruction, music, output, plan, handles, attempts, 0);
	}

	/**
	 * The handle under which an engine that has probed the input records its duration in
	 * seconds; delivery checks the output against it instead of probing the input again.
	 */
	public static final String INPUT_DURATION = "duration";

	/**
	 * The handle under which a paid engine records the credits the item has committed to
	 * and not yet paid (a session opened, its edit not yet accepted); the ledger sums it
	 * over the items in flight for {@link CreditsInFlight}.
	 */
	public static final String CREDITS_HELD = "credits.held";

	/**
	 * The handle in which an engine records what its plan for the item warns about (parts of
	 * the instruction not understood, changes made to fit the video), one warning per line.
	 */
	public static final String WARNINGS = "warnings";

	/** The handle in which an engine records the words of the instruction it made nothing of, one per line. */
	public static final String NOT_UNDERSTOOD = "notUnderstood";

	/** The handle holding the instruction's language when the manifest's {@code language} column gives it. */
	public static final String LANGUAGE = "language";

	/**
	 * The handle holding the address of an input given as a URL ({@code https://},
	 * {@code s3://}...). Such an item's {@link #video()} is where this machine keeps its
	 * copy once fetched (see {@link LocalCopies}); an engine that reads addresses itself
	 * takes this instead.
	 */
	public static final String VIDEO_SOURCE = "source.video";

	/** The handle holding the address of a music file given as a URL. */
	public static final String MUSIC_SOURCE = "source.music";

	/** The identity (ETag, date or content hash) of the remote video's version this item began with. */
	public static final String VIDEO_IDENTITY = "source.video.identity";

	/** The identity of the remote music file's version this item began with. */
	public static final String MUSIC_IDENTITY = "source.music.identity";

	/** The handle holding the row's values of the columns the job does not use (see {@link RowNotes}). */
	public static final String NOTES = "row.notes";

	/** The handles that come from the manifest row (see {@link #rowHandles}). */
	public static final Set<String> ROW_HANDLES = Set.of(LANGUAGE, VIDEO_SOURCE, MUSIC_SOURCE, NOTES);

	/**
	 * The handles an item starts with, from its manifest row: its language and the
	 * addresses of its remote inputs, those given. They are all an item keeps when it
	 * starts again from its first stage ({@link #ROW_HANDLES}).
	 * @param language the row's {@code language} column, empty when not given
	 * @param videoUrl the video's address, null when it is a file
	 * @param musicUrl the music's address, null when it is a file or not given
	 */
	public static Map<String, String> rowHandles(String language, String videoUrl, String musicUrl) {
		return rowHandles(language, videoUrl, musicUrl, Map.of());
	}

	/** The same, with the row's values of the columns the job does not use, for the reports. */
	public static Map<String, String> rowHandles(String language, String videoUrl, String musicUrl,
			Map<String, String> notes) {
		Map<String, String> handles = new HashMap<>();
		String encoded = RowNotes.encode(notes);
		if (encoded != null) {
			handles.put(NOTES, encoded);
		}
		if (language != null && !language.isBlank()) {
			handles.put(LANGUAGE, language);
		}
		if (videoUrl != null) {
			handles.put(VIDEO_SOURCE, videoUrl);
		}
		if (musicUrl != null) {
			handles.put(MUSIC_SOURCE, musicUrl);
		}
		return Map.copyOf(handles);
	}

	public WorkItem {
		instruction = instruction == null ? "" : instruction;
		handles = handles == null ? Map.of() : Map.copyOf(handles);
	}

	public String handle(String key) {
		return this.handles.get(key);
	}

	/** Where the output is written before it is verified and renamed. */
	public Path partFile() {
		return this.output.resolveSibling(this.output.getFileName() + ".part");
	}

	public WorkItem withHandles(Map<String, String> handles) {
		return new WorkItem(this.jobKey, this.id, this.video, this.instruction, this.music, this.output, this.plan,
				handles, this.attempts, this.seq);
	}

	/** The same item reading its inputs from other files (this machine's copies of remote inputs). */
	public WorkItem withInputs(Path video, Path music) {
		return new WorkItem(this.jobKey, this.id, video, this.instruction, music, this.output, this.plan, this.handles,
				this.attempts, this.seq);
	}

	public WorkItem withPlan(Plan plan) {
		return new WorkItem(this.jobKey, this.id, this.video, this.instruction, this.music, this.output, plan,
				this.handles, this.attempts, this.seq);
	}

}
