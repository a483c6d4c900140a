package bgmbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result table: one row per measurement, the notes under it, and what limits each missed target. */
final class Table {

	/**
	 * One line of the result table.
	 * @param id the row's number in bench/README.md
	 * @param name what is compared
	 * @param ours our measurement, formatted
	 * @param baseline the baseline, formatted
	 * @param ratio ours divided by the baseline, or null
	 * @param target the target in words, or "-" for a row printed for information
	 * @param met whether the target is met; null when there is no target or no measurement
	 */
	record Row(String id, String name, String ours, String baseline, Double ratio, String target, Boolean met) {

		String verdict() {
			return this.met == null ? (this.target.equals("-") ? "info" : "n/a") : this.met ? "MET" : "MISSED";
		}

	}

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	/** Per row, what limits it, printed in the closing note when its target is missed. */
	private final Map<String, String> limits = new LinkedHashMap<>();

	void row(String id, String name, String ours, String baseline, Double ratio, String target, Boolean met) {
		this.rows.add(new Row(id, name, ours, baseline, ratio, target, met));
	}

	void notRun(String id, String name, String why) {
		this.rows.add(new Row(id, name, "not run", "-", null, "-", null));
		this.notes.add(id + ": " + why);
	}

	void note(String note) {
		this.notes.add(note);
	}

	void limit(String id, String text) {
		this.limits.put(id, text);
	}

	List<Row> rows() {
		return List.copyOf(this.rows);
	}

	List<String> notes() {
		return List.copyOf(this.notes);
	}

	List<Row> missed() {
		return this.rows.stream().filter((r) -> Boolean.FALSE.equals(r.met())).toList();
	}

	String limitOf(String id) {
		return this.limits.getOrDefault(id, "no analysis for this row");
	}

	String render() {
		String[] header = { "#", "what", "ours", "baseline", "ratio", "target", "verdict" };
		List<String[]> lines = new ArrayList<>();
		lines.add(header);
		for (Row row : this.rows) {
			lines.add(new String[] { row.id(), row.name(), row.ours(), row.baseline(),
					row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.ratio()), row.target(),
					row.verdict() });
		}
		int[] widths = new int[header.length];
		for (String[] line : lines) {
			for (int i = 0; i < line.length; i++) {
				widths[i] = Math.max(widths[i], line[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (int n = 0; n < lines.size(); n++) {
			String[] line = lines.get(n);
			for (int i = 0; i < line.length; i++) {
				text.append(String.format("%-" + widths[i] + "s", line[i])).append(i + 1 < line.length ? " | " : "");
			}
			text.append('\n');
			if (n == 0) {
				for (int i = 0; i < widths.length; i++) {
					text.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "");
				}
				text.append('\n');
			}
		}
		int missed = missed().size();
		text.append(missed == 0 ? "\nEvery measured target is met.\n"
				: "\n" + missed + " target(s) MISSED: see the notes below for what limits them.\n");
		return text.toString();
	}

}
