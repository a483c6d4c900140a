package bgmbatch.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.io.PushbackReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>
 * This class reads and keeps the manifest-wide checks (encoding, quoting, unique ids and
 * outputs); the {@link Header}, each row's values ({@link RowParser}) and output names
 * ({@link OutputNames}) are checked by their own classes.
 */
public final class ManifestReader {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setCommentMarker('#')
		.setIgnoreEmptyLines(true)
		.setIgnoreSurroundingSpaces(true)
		.setAllowMissingColumnNames(true)
		// duplicates are refused by Header.read, with the row-and-column message
		.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
		.get();

	private final ManifestSource source;

	private final OutputNames outputs;

	private final RowParser rows;

	/**
	 * @param source the manifest
	 * @param outputFolder the folder outputs go into (absolute)
	 * @param keepContainer whether a default output name keeps the input's extension
	 * rather than becoming .mp4
	 */
	public ManifestReader(ManifestSource source, Path outputFolder, boolean keepContainer) {
		this.source = source;
		this.outputs = new OutputNames(outputFolder.toAbsolutePath().normalize(), keepContainer);
		this.rows = new RowParser(source.folder(), this.outputs);
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
			return cursor.header.extras().stream().map(String::strip).toList();
		}
	}

	/** Opens the manifest for reading row by row; the cursor checks structure as it goes. */
	public Cursor open() {
		try {
			BufferedReader reader = new BufferedReader(skipBom(this.source.open()), Separator.LOOKAHEAD + 1);
			char separator = Separator.of(reader);
			CSVParser parser = FORMAT.builder().setDelimiter(separator).get().parse(reader);
			return new Cursor(parser, Header.read(parser, separator, this.source.path()));
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

		private final Header header;

		private final Iterator<CSVRecord> records;

		private final Set<String> ids = new HashSet<>();

		private final Map<String, Integer> outputs = new HashMap<>();

		private int row;

		private Cursor(CSVParser parser, Header header) {
			this.parser = parser;
			this.header = header;
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
			this.header.checkWidth(record, this.row, line);
			ManifestRow parsed = ManifestReader.this.rows.parse(record, this.row, line, this.header);
			if (!this.ids.add(parsed.id())) {
				throw ManifestException.at(parsed.line(), this.row, "id",
						"the id '" + parsed.id() + "' is used by an earlier row; ids must be unique");
			}
			Integer earlier = this.outputs.putIfAbsent(parsed.output().toString(), this.row);
			if (earlier != null && this.header.value(record, Column.OUTPUT).isEmpty()) {
				// a default name: the later row's id makes it unique, and the earlier row keeps its name
				parsed = withOutput(parsed, OutputNames.suffixed(parsed.output(), parsed.id()));
				earlier = this.outputs.putIfAbsent(parsed.output().toString(), this.row);
			}
			if (earlier != null) {
				throw ManifestException.at(parsed.line(), this.row, "output", "row " + earlier + " already writes "
						+ ManifestReader.this.outputs.relative(parsed.output())
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

	private static ManifestRow withOutput(ManifestRow row, Path output) {
		return new ManifestRow(row.row(), row.line(), row.id(), row.video(), row.instruction(), row.music(), output,
				row.language(), row.videoUrl(), row.musicUrl(), row.notes());
	}

	private static Reader skipBom(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

}
