package bgmbatch.manifest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

	static String allHeaders() {
		return String.join(", ", Arrays.stream(values()).map(Column::header).toList());
	}

}
