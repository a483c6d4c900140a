package bgmbatch.engine;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The values of a manifest row's columns the job does not use (a {@code notes} column),
 * kept in the item's {@link WorkItem#NOTES} handle as two CSV lines, names then values, so
 * the reports can carry them in the header's order. The engines ignore them.
 */
public final class RowNotes {

	private RowNotes() {
	}

	/** The handle's text, or null when there are no such columns. */
	public static String encode(Map<String, String> notes) {
		if (notes == null || notes.isEmpty()) {
			return null;
		}
		StringWriter text = new StringWriter();
		try (CSVPrinter printer = CSVFormat.DEFAULT.print(text)) {
			printer.printRecord(notes.keySet());
			printer.printRecord(notes.values());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** The notes by column name in the header's order; empty when the handle is absent. */
	public static Map<String, String> decode(String handle) {
		if (handle == null || handle.isEmpty()) {
			return Map.of();
		}
		try {
			List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(handle)).getRecords();
			Map<String, String> notes = new LinkedHashMap<>();
			for (int i = 0; i < records.get(0).size(); i++) {
				notes.put(records.get(0).get(i), i < records.get(1).size() ? records.get(1).get(i) : "");
			}
			return Collections.unmodifiableMap(notes);
		}
		catch (IOException | RuntimeException ex) {
			// a report must not fail over a note it cannot read back
			return Map.of();
		}
	}

}
