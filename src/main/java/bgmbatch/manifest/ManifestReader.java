package bgmbatch.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import bgmbatch.source.SourceUrl;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a manifest row by row, checking its structure as it goes: it never holds the
 * whole file, only the ids and outputs seen so far (to catch duplicates). A structural
 * problem stops the read with a {@link ManifestException} naming the row and column;
 * whether a row's files exist is not its business (that makes a skipped item, not a
 * broken manifest).
 * <p>
 * Forgiving where a spreadsheet's habits are harmless, strict where a guess could lose a
 * video: columns it does not know (a {@code notes} column) are carried along to the
 * reports; a semicolon- or tab-separated file is read as such; two rows whose default
 * output names collide (camA/C0001.MP4, camB/C0001.MP4) keep the first name for the first
 * row and add the later row's id to its name (C0001-row-2.mp4), so no name a manifest
 * gave before changes; a row with more fields than the header is refused (most likely an
 * unquoted comma that would cut an instruction short); a column name one typo away from
 * a known one is refused rather than kept as a note.
 */
public final class ManifestReader {

	/** Extensions an output may have; the extension picks the container. */
	public static final Set<String> OUTPUT_EXTENSIONS = Set.of("mp4", "mov", "mkv", "webm", "m4v");

	private static final String RESERVED = "<>:\"|?*\\";

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setCommentMarker('#')
		.setIgnoreEmptyLines(true)
		.setIgnoreSurroundingSpaces(true)
		.setAllowMissingColumnNames(true)
		// duplicates are refused by checkHeader, with the row-and-column message
		.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
		.get();

	private final ManifestSource source;

	private final Path outputFolder;

	private final boolean keepContainer;

	/**
	 * @param source the manifest
	 * @param outputFolder the folder outputs go into (absolute)
	 * @param keepContainer whether a default output name keeps the input's extension
	 * rather than becoming .mp4
	 */
	public ManifestReader(ManifestSource source, Path outputFolder, boolean keepContainer) {
		this.source = source;
		this.outputFolder = outputFolder.toAbsolutePath().normalize();
		this.keepContainer = keepContainer;
	}

	/** Checks the whole manifest and counts its rows. */
	public int validate() {
		int rows = 0;
		try (Cursor cursor = open()) {
			while (cursor.next() != null) {
				rows++;
			}
		}
		return rows;
	}

	/** The header's columns the job does not use (kept as notes), in the header's order. */
	public List<String> noteColumns() {
		try (Cursor cursor = open()) {
			return cursor.headers.extras().stream().map(String::strip).toList();
		}
	}

	/** Opens the manifest for reading row by row; the cursor checks structure as it goes. */
	public Cursor open() {
		try {
			BufferedReader reader = new BufferedReader(skipBom(this.source.open()), Separator.LOOKAHEAD + 1);
			char separator = Separator.of(reader);
			CSVParser parser = FORMAT.builder().setDelimiter(separator).get().parse(reader);
			return new Cursor(parser, checkHeader(parser, separator));
		}
		catch (CharacterCodingException ex) {
			throw notUtf8(1, ex);
		}
		catch (IOException ex) {
			throw new ManifestException("cannot read manifest " + this.source.path() + ": " + ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw malformed(ex, 1);
		}
	}

	/** Rows in file order. Not thread-safe: one reader drives it. */
	public final class Cursor implements AutoCloseable {

		private final CSVParser parser;

		private final Header headers;

		private final Iterator<CSVRecord> records;

		private final Set<String> ids = new HashSet<>();

		private final Map<String, Integer> outputs = new HashMap<>();

		private int row;

		private Cursor(CSVParser parser, Header headers) {
			this.parser = parser;
			this.headers = headers;
			this.records = parser.iterator();
		}

		/** The next row, or null at the end. */
		public ManifestRow next() {
			if (!hasNext(this.records, this.parser)) {
				return null;
			}
			CSVRecord record = this.records.next();
			this.row++;
			long line = this.parser.getCurrentLineNumber();
			checkWidth(record, this.row, line, this.headers);
			ManifestRow parsed = parse(record, this.row, line, this.headers);
			if (!this.ids.add(parsed.id())) {
				throw ManifestException.at(parsed.line(), this.row, "id",
						"the id '" + parsed.id() + "' is used by an earlier row; ids must be unique");
			}
			Integer earlier = this.outputs.putIfAbsent(parsed.output().toString(), this.row);
			if (earlier != null && value(record, this.headers.columns(), Column.OUTPUT).isEmpty()) {
				// a default name: the later row's id makes it unique, and the earlier row keeps its name
				parsed = withOutput(parsed, suffixed(parsed.output(), parsed.id()));
				earlier = this.outputs.putIfAbsent(parsed.output().toString(), this.row);
			}
			if (earlier != null) {
				throw ManifestException.at(parsed.line(), this.row, "output", "row " + earlier + " already writes "
						+ ManifestReader.this.outputFolder.relativize(parsed.output())
						+ "; give one of them another name in the output column");
			}
			return parsed;
		}

		@Override
		public void close() {
			try {
				this.parser.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static boolean hasNext(Iterator<CSVRecord> records, CSVParser parser) {
		try {
			return records.hasNext();
		}
		catch (UncheckedIOException ex) {
			throw malformed(ex, parser.getCurrentLineNumber() + 1);
		}
	}

	private static ManifestException malformed(UncheckedIOException ex, long line) {
		if (ex.getCause() instanceof CharacterCodingException coding) {
			return notUtf8(line, coding);
		}
		return new ManifestException("manifest near line " + line + ": " + ex.getCause().getMessage()
				+ " (check for an unclosed quote)", ex);
	}

	private static ManifestException notUtf8(long line, CharacterCodingException ex) {
		return new ManifestException("manifest line " + line
				+ ": the file is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)", ex);
	}

	/**
	 * The header's known columns, the others (kept as notes, in file order) and its width.
	 */
	private record Header(Map<Column, String> columns, List<String> extras, List<String> names) {
	}

	private Header checkHeader(CSVParser parser, char separator) {
		Map<Column, String> headers = new EnumMap<>(Column.class);
		List<String> extras = new java.util.ArrayList<>();
		Set<String> seen = new HashSet<>();
		if (parser.getHeaderNames().isEmpty()) {
			throw new ManifestException("manifest " + this.source.path()
					+ " has no header; the first line must name the columns, e.g. video,instruction");
		}
		for (String name : parser.getHeaderNames()) {
			if (name.isBlank()) {
				continue;
			}
			if (!seen.add(name.strip().toLowerCase(Locale.ROOT))) {
				throw ManifestException.at(1, 0, name, "the column appears twice in the header");
			}
			Column column = Column.fromHeader(name).orElse(null);
			if (column == null) {
				Column near = Column.nearMiss(name).orElse(null);
				if (near != null) {
					throw ManifestException.at(1, 0, name, "unknown column; did you mean '" + near.header()
							+ "'? (other columns are kept as notes; the known ones are " + Column.allHeaders() + ")");
				}
				extras.add(name);
				continue;
			}
			headers.put(column, name);
		}
		for (Column column : Column.values()) {
			if (column.required() && !headers.containsKey(column)) {
				throw ManifestException.at(1, 0, column.header(), "the header has no '" + column.header()
						+ "' column; the columns are " + Column.allHeaders() + separatorHint(parser, separator));
			}
		}
		return new Header(headers, List.copyOf(extras), List.copyOf(parser.getHeaderNames()));
	}

	/** A header of one name holding another separator: the file is separated by something else again. */
	private static String separatorHint(CSVParser parser, char separator) {
		List<String> names = parser.getHeaderNames();
		if (names.size() == 1 && names.get(0).matches(".*[|:].*")) {
			return "; the " + Separator.name(separator)
					+ " is not what separates this file's fields: save it as CSV with commas, semicolons or tabs";
		}
		return "";
	}

	/**
	 * A row with a value where the header names no column (past its end, or under an empty
	 * name): most likely an instruction with a comma and no quotes around it, whose end
	 * would otherwise be dropped without a word. Empty fields there (what spreadsheets
	 * export) are harmless.
	 */
	private static void checkWidth(CSVRecord record, int row, long line, Header header) {
		List<String> names = header.names();
		for (int i = 0; i < record.size(); i++) {
			boolean named = i < names.size() && !names.get(i).isBlank();
			if (!named && !record.get(i).isBlank()) {
				long width = names.stream().filter((name) -> !name.isBlank()).count();
				throw new ManifestException("manifest row " + row + " (line " + line + ") has " + record.size()
						+ " fields but the header names " + width + ": an unquoted comma? Put double quotes"
						+ " around a value that holds one, e.g. \"add music, then fade out\"");
			}
		}
	}

	private ManifestRow parse(CSVRecord record, int row, long line, Header header) {
		Map<Column, String> headers = header.columns();
		String video = value(record, headers, Column.VIDEO);
		if (video.isEmpty()) {
			throw ManifestException.at(line, row, "video", "empty; every row needs a video file");
		}
		SourceUrl videoUrl = url(video, line, row, Column.VIDEO);
		Path videoPath = videoUrl != null ? Path.of(videoUrl.masked()) : resolve(video, line, row, Column.VIDEO);
		String music = value(record, headers, Column.MUSIC);
		SourceUrl musicUrl = music.isEmpty() ? null : url(music, line, row, Column.MUSIC);
		String id = value(record, headers, Column.ID);
		if (id.isEmpty()) {
			id = "row-" + row;
		}
		else if (id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
			throw ManifestException.at(line, row, "id", "an id must be at most 200 characters with no control characters");
		}
		String language = value(record, headers, Column.LANGUAGE);
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
		return new ManifestRow(row, line, id, videoPath, value(record, headers, Column.INSTRUCTION), musicPath,
				output(value(record, headers, Column.OUTPUT), named, line, row), language,
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

	private static ManifestRow withOutput(ManifestRow row, Path output) {
		return new ManifestRow(row.row(), row.line(), row.id(), row.video(), row.instruction(), row.music(), output,
				row.language(), row.videoUrl(), row.musicUrl(), row.notes());
	}

	/** C0001.mp4 for the row with id row-2: C0001-row-2.mp4, beside it. */
	private static Path suffixed(Path output, String id) {
		String file = output.getFileName().toString();
		int dot = file.lastIndexOf('.');
		return output.resolveSibling(file.substring(0, dot) + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_")
				+ file.substring(dot));
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

	private static String value(CSVRecord record, Map<Column, String> headers, Column column) {
		String header = headers.get(column);
		if (header == null || !record.isSet(header)) {
			return "";
		}
		return record.get(header).strip();
	}

	private Path resolve(String value, long line, int row, Column column) {
		try {
			return this.source.folder().resolve(value).normalize();
		}
		catch (InvalidPathException ex) {
			throw ManifestException.at(line, row, column.header(), "not a valid path: " + ex.getReason());
		}
	}

	private Path output(String value, Path video, long line, int row) {
		String name = value;
		if (name.isEmpty()) {
			String file = video.getFileName().toString();
			int dot = file.lastIndexOf('.');
			String base = dot > 0 ? file.substring(0, dot) : file;
			String extension = this.keepContainer && dot > 0 ? file.substring(dot + 1).toLowerCase(Locale.ROOT) : "mp4";
			name = base + "." + (OUTPUT_EXTENSIONS.contains(extension) ? extension : "mp4");
		}
		checkOutputName(name, line, row);
		Path output = this.outputFolder.resolve(name).normalize();
		if (!output.startsWith(this.outputFolder) || output.equals(this.outputFolder)) {
			throw ManifestException.at(line, row, "output", "'" + value + "' is outside the output folder");
		}
		return output;
	}

	private static void checkOutputName(String name, long line, int row) {
		if (name.startsWith("/") || name.startsWith("~") || (name.length() > 1 && name.charAt(1) == ':')) {
			throw ManifestException.at(line, row, "output",
					"'" + name + "' is an absolute path; give a name relative to the output folder");
		}
		for (String segment : name.split("/")) {
			if (segment.equals("..")) {
				throw ManifestException.at(line, row, "output",
						"'" + name + "' contains '..'; outputs must stay inside the output folder");
			}
		}
		for (char c : name.toCharArray()) {
			if (Character.isISOControl(c) || RESERVED.indexOf(c) >= 0) {
				throw ManifestException.at(line, row, "output", "'" + name.replaceAll("\\p{Cntrl}", "?")
						+ "' contains a reserved character (" + RESERVED + " or a control character)");
			}
		}
		String lower = name.toLowerCase(Locale.ROOT);
		int dot = lower.lastIndexOf('.');
		if (dot < 0 || !OUTPUT_EXTENSIONS.contains(lower.substring(dot + 1))) {
			throw ManifestException.at(line, row, "output",
					"'" + name + "' must end in one of ." + String.join(", .", OUTPUT_EXTENSIONS.stream().sorted().toList()));
		}
	}

	private static Reader skipBom(Reader reader) throws IOException {
		java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

}
