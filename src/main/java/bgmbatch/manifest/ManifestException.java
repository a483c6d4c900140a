package bgmbatch.manifest;

/**
 * The manifest cannot be used as it is. The message names the row and column and says
 * what to change, because the operator reads it at the terminal or in a cron mail.
 */
public class ManifestException extends RuntimeException {

	public ManifestException(String message) {
		super(message);
	}

	public ManifestException(String message, Throwable cause) {
		super(message, cause);
	}

	static ManifestException at(long line, int row, String column, String problem) {
		String where = row > 0 ? "row " + row + " (line " + line + ")" : "line " + line;
		return new ManifestException("manifest " + where + ", column '" + column + "': " + problem);
	}

}
