package bgmbatch.manifest;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The manifest's field separator, told from its header line: a comma, unless the header has
 * none and has semicolons or tabs instead. Spreadsheets in many European locales save
 * "CSV" with semicolons, and a tab-separated export is a paste away; both are meant as
 * manifests, and reading them as one-column files only produced "unknown column
 * 'video;instruction'".
 */
final class Separator {

	/** Characters read ahead to find the header: comment lines and a long header fit. */
	static final int LOOKAHEAD = 64 * 1024;

	/** How far the reader can go back: past the look-ahead by one long line. */
	private static final int MARK_LIMIT = 4 * 1024 * 1024;

	private Separator() {
	}

	/**
	 * Peeks at the first line that is neither blank nor a comment, and resets the reader to
	 * where it was.
	 */
	static char of(BufferedReader reader) throws IOException {
		reader.mark(MARK_LIMIT);
		try {
			String line;
			int read = 0;
			while ((line = reader.readLine()) != null && read < LOOKAHEAD) {
				read += line.length() + 1;
				String text = line.strip();
				if (!text.isEmpty() && !text.startsWith("#")) {
					return of(text);
				}
			}
			return ',';
		}
		finally {
			reader.reset();
		}
	}

	static char of(String header) {
		if (unquoted(header, ',') > 0) {
			return ',';
		}
		int semicolons = unquoted(header, ';');
		int tabs = unquoted(header, '\t');
		if (semicolons == 0 && tabs == 0) {
			return ',';
		}
		return semicolons >= tabs ? ';' : '\t';
	}

	static String name(char separator) {
		return switch (separator) {
			case ';' -> "semicolon";
			case '\t' -> "tab";
			default -> "comma";
		};
	}

	private static int unquoted(String line, char wanted) {
		int count = 0;
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == wanted && !quoted) {
				count++;
			}
		}
		return count;
	}

}
