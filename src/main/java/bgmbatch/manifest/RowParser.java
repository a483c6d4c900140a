package bgmbatch.manifest;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bgmbatch.source.SourceUrl;

import org.apache.commons.csv.CSVRecord;

/**
 * One CSV record into a {@link ManifestRow}: paths resolved against the manifest's
 * folder, addresses kept as addresses, the id and language checked, the output named.
 * Whether the files exist is not its business (that makes a skipped item, not a broken
 * manifest).
 */
final class RowParser {

	private final Path folder;

	private final OutputNames outputs;

	/**
	 * @param folder the manifest's folder, which relative paths resolve against
	 */
	RowParser(Path folder, OutputNames outputs) {
		this.folder = folder;
		this.outputs = outputs;
	}

	ManifestRow parse(CSVRecord record, int row, long line, Header header) {
		String video = header.value(record, Column.VIDEO);
		if (video.isEmpty()) {
			throw ManifestException.at(line, row, "video", "empty; every row needs a video file");
		}
		SourceUrl videoUrl = url(video, line, row, Column.VIDEO);
		Path videoPath = videoUrl != null ? Path.of(videoUrl.masked()) : resolve(video, line, row, Column.VIDEO);
		String music = header.value(record, Column.MUSIC);
		SourceUrl musicUrl = music.isEmpty() ? null : url(music, line, row, Column.MUSIC);
		String id = header.value(record, Column.ID);
		if (id.isEmpty()) {
			id = "row-" + row;
		}
		else if (id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
			throw ManifestException.at(line, row, "id", "an id must be at most 200 characters with no control characters");
		}
		String language = header.value(record, Column.LANGUAGE);
		if (language.length() > 40 || language.chars().anyMatch(Character::isISOControl)) {
			throw ManifestException.at(line, row, "language",
					"name a language (en, de, es, fr, pt, it, zh, ja, or its name) or leave it empty");
		}
		Path musicPath = music.isEmpty() ? null
				: musicUrl != null ? Path.of(musicUrl.masked()) : resolve(music, line, row, Column.MUSIC);
		// an address names its file in its last path segment (an empty one: the row's id)
		Path named = videoUrl == null ? videoPath
				: Path.of(videoUrl.fileName().isBlank() ? id.replaceAll("[^A-Za-z0-9._-]", "_")
						: videoUrl.fileName().replaceAll("[/\\\\]", "_"));
		return new ManifestRow(row, line, id, videoPath, header.value(record, Column.INSTRUCTION), musicPath,
				this.outputs.output(header.value(record, Column.OUTPUT), named, line, row), language,
				videoUrl == null ? null : videoUrl.text(), musicUrl == null ? null : musicUrl.text(),
				notes(record, header.extras()));
	}

	/** The columns the job does not use, in the header's order, for the reports. */
	private static Map<String, String> notes(CSVRecord record, List<String> extras) {
		Map<String, String> notes = new LinkedHashMap<>();
		for (String name : extras) {
			notes.put(name.strip(), record.isSet(name) ? record.get(name).strip() : "");
		}
		return notes;
	}

	/** The value as an address, null when it is a path. */
	private static SourceUrl url(String value, long line, int row, Column column) {
		try {
			return SourceUrl.parse(value).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			throw ManifestException.at(line, row, column.header(), ex.getMessage());
		}
	}

	private Path resolve(String value, long line, int row, Column column) {
		try {
			return this.folder.resolve(value).normalize();
		}
		catch (InvalidPathException ex) {
			throw ManifestException.at(line, row, column.header(), "not a valid path: " + ex.getReason());
		}
	}

}
