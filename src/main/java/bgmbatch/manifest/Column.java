package bgmbatch.manifest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** The manifest's columns. */
enum Column {

	VIDEO(true), INSTRUCTION(true), MUSIC(false), OUTPUT(false), ID(false), LANGUAGE(false);

	private final boolean required;

	Column(boolean required) {
		this.required = required;
	}

	boolean required() {
		return this.required;
	}

	String header() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Column> fromHeader(String header) {
		return Arrays.stream(values()).filter((c) -> c.header().equals(header.strip().toLowerCase(Locale.ROOT)))
			.findFirst();
	}

	/**
	 * The column a header name is one or two typos away from ("instrution", "outptu"): such a
	 * column is refused rather than kept as a note, since the job would silently do without it.
	 */
	static Optional<Column> nearMiss(String header) {
		String name = header.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((c) -> {
				int distance = new LevenshteinDistance(2).apply(c.header(), name);
				return distance >= 0 && distance <= Math.min(2, c.header().length() / 3);
			})
			.findFirst();
	}

	static String allHeaders() {
		return String.join(", ", Arrays.stream(values()).map(Column::header).toList());
	}

}
