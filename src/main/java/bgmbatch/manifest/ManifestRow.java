package bgmbatch.manifest;

import java.nio.file.Path;
import java.util.Map;

/**
 * One data row of a manifest, with its paths resolved.
 *
 * @param row the data row's number, 1 for the first row under the header
 * @param line the line of the file the row ends on (what an editor shows)
 * @param id the row's id: the {@code id} column, else {@code row-<row>}
 * @param video the input video, resolved against the manifest's folder
 * @param instruction the instruction, empty when not given
 * @param music the music file, resolved against the manifest's folder, or null
 * @param output the output file, inside the output folder
 * @param language the instruction's language as the {@code language} column names it, empty when not given
 * @param videoUrl the video's address when it is given as a URL ({@code video} then holds
 * only its masked form, for display), else null
 * @param musicUrl the music's address when it is given as a URL, else null
 * @param notes the row's values of the columns the job does not use (a {@code notes}
 * column), by column name in the header's order; they go into the reports
 */
public record ManifestRow(int row, long line, String id, Path video, String instruction, Path music, Path output,
		String language, String videoUrl, String musicUrl, Map<String, String> notes) {

	public ManifestRow {
		notes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
	}

}
