package bgmbatch.report;

/**
 * Text cells a spreadsheet will not run. A cell that starts with {@code = + - @}, a tab,
 * a carriage return or a NUL is taken for a formula by Excel, LibreOffice and Google
 * Sheets ("CSV injection"): OWASP's advice is to put a single quote in front, which the
 * spreadsheet reads as "this is text" and does not show. Only text cells go through here:
 * numbers (a negative gain, say) are written as numbers and stay numbers.
 */
final class CsvCells {

	private static final String FORMULA_STARTS = "=+-@\t\r\0";

	private CsvCells() {
	}

	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
	}

}
