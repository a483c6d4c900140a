package bgmbatch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an engine will do with one item, in parts people read: the music, its level, the
 * fades... each with a short label for the report's cards; what the plan warns about;
 * and, once the item is rendered, what the render measured. The ledger keeps it whole
 * (as JSON); it becomes one line of text only where it is shown as text ({@link #text()}:
 * the console, {@code explain=true}, report.csv and report.json).
 *
 * @param parts the plan's parts, in the order the line names them
 * @param warnings what was not understood or had to be changed, for the operator
 * @param measured what the render measured, or null before the item is rendered
 */
public record Plan(List<Part> parts, List<String> warnings, Measured measured) {

	/** The kind of the one part of a plan an older version kept as one line ({@link #line(String)}). */
	private static final String LINE = "line";

	public Plan {
		parts = List.copyOf(parts);
		warnings = List.copyOf(warnings);
	}

	/**
	 * A plan that is one remark, as a cloud engine's is (the service's reply).
	 * @param text what the line says ({@code nemo: added calm music})
	 * @param label what a report card says ({@code NemoVideo: added calm music})
	 */
	public static Plan note(String text, String label) {
		return new Plan(List.of(new Part("note", null, text, label)), List.of(), null);
	}

	/**
	 * A plan an older version kept as one line of text ({@code music=… volume=35% … | measured: …}),
	 * read from the ledger of a job started before the upgrade: its text is that line, word
	 * for word; only a reader of that wording can tell its parts ({@link #line()}).
	 */
	public static Plan line(String line) {
		return new Plan(List.of(new Part(LINE, null, line, null)), List.of(), null);
	}

	/** The line of a plan an older version kept as text ({@link #line(String)}); empty for every other plan. */
	public Optional<String> line() {
		return this.parts.size() == 1 && LINE.equals(this.parts.get(0).kind()) && this.measured == null
				? Optional.of(this.parts.get(0).value()) : Optional.empty();
	}

	/** The same plan with what the render measured (replacing what an earlier render measured). */
	public Plan withMeasured(Measured measured) {
		return new Plan(this.parts, this.warnings, measured);
	}

	/**
	 * The plan in one line: {@code music=built-in/calm (mood calm) volume=35% … warnings: …
	 * | measured: …; output: …}. The wording of the lines the ledger kept before plans were
	 * typed, so a line read from an older job and a line written now read alike.
	 */
	public String text() {
		List<String> words = new ArrayList<>();
		for (Part part : this.parts) {
			words.add(part.text());
		}
		StringBuilder text = new StringBuilder(String.join(" ", words));
		if (!this.warnings.isEmpty()) {
			text.append(" warnings: ").append(String.join("; ", this.warnings));
		}
		if (this.measured != null) {
			text.append(" | ").append(this.measured.text());
		}
		return text.toString();
	}

	/**
	 * One part of the plan.
	 *
	 * @param kind what it is about, for its colour on a card: music, level, fade, ducking,
	 * target, video, note
	 * @param name its name in the line ({@code fade-out}), or null for a remark that is its
	 * value alone
	 * @param value what the line says of it ({@code 3s}, {@code 35% (quiet)})
	 * @param label what a report card says of it ({@code fade out 3 s}), or null when the
	 * part only states a default a card need not repeat
	 */
	public record Part(String kind, String name, String value, String label) {

		/** {@code name=value}, or the value alone for a remark. */
		public String text() {
			return this.name == null ? this.value : this.name + "=" + this.value;
		}

	}

	/**
	 * What the render measured.
	 *
	 * @param groups the measurements in named groups, the first named {@code measured}
	 * ({@code measured: original -23.0 LUFS, music gain -2.1 dB; output: integrated -14.0 LUFS, …})
	 * @param warnings what the render could not mend (a miss of the loudness target)
	 */
	public record Measured(List<Group> groups, List<String> warnings) {

		public Measured {
			groups = List.copyOf(groups);
			warnings = List.copyOf(warnings);
		}

		/** {@code measured: a, b; output: c, d; warnings: e; f}. */
		public String text() {
			List<String> sections = new ArrayList<>();
			for (Group group : this.groups) {
				sections.add(group.name() + ": " + String.join(", ", group.values()));
			}
			if (!this.warnings.isEmpty()) {
				sections.add("warnings: " + String.join("; ", this.warnings));
			}
			return String.join("; ", sections);
		}

	}

	/**
	 * Measurements that belong together.
	 *
	 * @param name what they measured ({@code measured}, {@code output})
	 * @param values each measurement as people read it ({@code music gain -2.1 dB})
	 */
	public record Group(String name, List<String> values) {

		public Group {
			values = List.copyOf(values);
		}

	}

}
