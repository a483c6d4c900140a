package bgmbatch.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A manifest's header, checked: the known columns by the name the file gives them, the
 * others (kept as notes, in file order) and every name as written (its width). A header
 * that cannot be read safely is refused with the column it is about.
 */
record Header(Map<Column, String> columns, List<String> extras, List<String> names) {

	/**
	 * @param manifest the manifest's path, for the message when it has no header
	 */
	static Header read(CSVParser parser, char separator, Path manifest) {
		Map<Column, String> columns = new EnumMap<>(Column.class);
		List<String> extras = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		if (parser.getHeaderNames().isEmpty()) {
			throw new ManifestException("manifest " + manifest
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
			columns.put(column, name);
		}
		for (Column column : Column.values()) {
			if (column.required() && !columns.containsKey(column)) {
				throw ManifestException.at(1, 0, column.header(), "the header has no '" + column.header()
						+ "' column; the columns are " + Column.allHeaders() + separatorHint(parser, separator));
			}
		}
		return new Header(columns, List.copyOf(extras), List.copyOf(parser.getHeaderNames()));
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
	 * Refuses a row with a value where the header names no column (past its end, or under
	 * an empty name): most likely an instruction with a comma and no quotes around it,
	 * whose end would otherwise be dropped without a word. Empty fields there (what
	 * spreadsheets export) are harmless.
	 */
	void checkWidth(CSVRecord record, int row, long line) {
		for (int i = 0; i < record.size(); i++) {
			boolean named = i < this.names.size() && !this.names.get(i).isBlank();
			if (!named && !record.get(i).isBlank()) {
				long width = this.names.stream().filter((name) -> !name.isBlank()).count();
				throw new ManifestException("manifest row " + row + " (line " + line + ") has " + record.size()
						+ " fields but the header names " + width + ": an unquoted comma? Put double quotes"
						+ " around a value that holds one, e.g. \"add music, then fade out\"");
			}
		}
	}

	/** The row's value in a known column, stripped; empty when the header or the row lacks it. */
	String value(CSVRecord record, Column column) {
		String header = this.columns.get(column);
		if (header == null || !record.isSet(header)) {
			return "";
		}
		return record.get(header).strip();
	}

}
