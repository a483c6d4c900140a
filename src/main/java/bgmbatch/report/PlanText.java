package bgmbatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bgmbatch.engine.Plan;

/**
 * An engine's plan as short labels for people, and the warnings in it. A plan's parts
 * carry their labels; a plan an older version kept as one line ({@link Plan#line()}: a job
 * started before the upgrade) is read back from that line's wording ({@code music=…
 * volume=35% fade-out=3s … warnings: …| measured: …}), a field this reader does not know
 * showing as a plain "name value" label.
 *
 * @param labels what the plan does, in order
 * @param warnings what the engine did not understand or had to change
 */
public record PlanText(List<Label> labels, List<String> warnings) {

	private static final PlanText EMPTY = new PlanText(List.of(), List.of());

	/** Where a {@code key=value} field starts: the key after a space (or at the start). */
	private static final Pattern KEY = Pattern.compile("(?:^| )([a-z][a-z-]*)=");

	private static final String WARNINGS = " warnings: ";

	/**
	 * The plan joins its warnings with "; ", and two of the local engine's own warnings hold
	 * one ("several moods asked (calm, upbeat); used upbeat", "…out of range; kept 100%"):
	 * a part that starts so belongs to the warning before it.
	 */
	private static final Pattern CONTINUED = Pattern.compile("(used|kept) ");

	private static final String SECTION = " | ";

	public PlanText {
		labels = List.copyOf(labels);
		warnings = List.copyOf(warnings);
	}

	/**
	 * One label.
	 *
	 * @param kind what it is about, for its colour: music, level, fade, ducking, target,
	 * measured, video, note
	 * @param text what it says
	 */
	public record Label(String kind, String text) {

	}

	/** The plan's labels: its parts' and its measurements', or those read from an older version's line. */
	static PlanText of(Plan plan) {
		Optional<String> line = plan.line();
		if (line.isPresent()) {
			return parse(line.get());
		}
		List<Label> labels = new ArrayList<>();
		for (Plan.Part part : plan.parts()) {
			if (part.label() != null) {
				labels.add(new Label(part.kind(), minus(part.label())));
			}
		}
		if (plan.measured() != null) {
			for (Plan.Group group : plan.measured().groups()) {
				// a group of another name than "measured" keeps its name in front of its first value
				String name = "measured".equals(group.name()) ? "" : group.name() + ": ";
				for (String value : group.values()) {
					labels.add(new Label("measured", minus(name + value)));
					name = "";
				}
			}
			for (String warning : plan.measured().warnings()) {
				labels.add(new Label("measured", minus("⚠ " + warning)));
			}
		}
		return new PlanText(labels, plan.warnings());
	}

	/** A plan an older version kept as one line, read back from its wording. */
	static PlanText parse(String plan) {
		if (plan == null || plan.isBlank()) {
			return EMPTY;
		}
		if (plan.startsWith("nemo: ")) {
			return new PlanText(List.of(new Label("note", "NemoVideo: " + plan.substring(6).strip())), List.of());
		}
		List<Label> labels = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		String[] sections = plan.split(Pattern.quote(SECTION));
		String main = sections[0];
		int warned = main.indexOf(WARNINGS);
		if (warned >= 0) {
			for (String part : main.substring(warned + WARNINGS.length()).split("; ")) {
				if (CONTINUED.matcher(part).lookingAt() && !warnings.isEmpty()) {
					warnings.set(warnings.size() - 1, warnings.get(warnings.size() - 1) + "; " + part.strip());
				}
				else if (!part.isBlank()) {
					warnings.add(part.strip());
				}
			}
			main = main.substring(0, warned);
		}
		fields(main, labels);
		for (int i = 1; i < sections.length; i++) {
			measured(sections[i], labels);
		}
		return new PlanText(labels, warnings);
	}

	/** {@code music=built-in/upbeat (mood upbeat) volume=35% fade-in=0s…}: one label per field worth saying. */
	private static void fields(String text, List<Label> labels) {
		Matcher key = KEY.matcher(text);
		List<int[]> starts = new ArrayList<>();
		while (key.find()) {
			starts.add(new int[] { key.start(1), key.end() });
		}
		for (int i = 0; i < starts.size(); i++) {
			int end = i + 1 < starts.size() ? starts.get(i + 1)[0] - 1 : text.length();
			String name = text.substring(starts.get(i)[0], starts.get(i)[1] - 1);
			String value = text.substring(starts.get(i)[1], Math.max(starts.get(i)[1], end)).strip();
			Label label = label(name, value);
			if (label != null) {
				labels.add(label);
			}
		}
	}

	/** The label for one field, or null when it only states the default. */
	private static Label label(String name, String value) {
		return switch (name) {
			case "music" -> new Label("music", music(value));
			case "volume" -> new Label("level", "music at " + value.replaceFirst(" \\(.*", ""));
			case "fade-in" -> zero(value) ? null : new Label("fade", "fade in " + seconds(value));
			case "fade-out" -> zero(value) ? null : new Label("fade", "fade out " + seconds(value));
			case "ducking" -> "on".equals(value) ? new Label("ducking", "ducks under speech") : null;
			case "original" -> switch (value) {
				case "kept" -> null;
				case "none" -> new Label("note", "no original sound");
				default -> new Label("note", "original " + value);
			};
			case "loudness" -> new Label("target", "target " + minus(value));
			case "music-time" -> new Label("music", "music " + value.replace("s-", "–").replace("s", " s"));
			case "loop" -> "off".equals(value) ? new Label("music", "plays once") : null;
			case "audio" -> new Label("note", value.replace("tracks", "audio tracks"));
			case "video" -> value.equals("copied") ? new Label("video", "video copied")
					: new Label("video", "video " + value.replaceFirst(" \\(", ": ").replaceFirst("\\)$", ""));
			default -> new Label("note", name + " " + value);
		};
	}

	/** {@code built-in/upbeat (mood upbeat)} → {@code ♪ upbeat, built-in}; a file keeps its name. */
	private static String music(String value) {
		int paren = value.indexOf(" (");
		String source = paren < 0 ? value : value.substring(0, paren);
		String note = paren < 0 ? "" : value.substring(paren + 2, value.length() - (value.endsWith(")") ? 1 : 0));
		if (source.startsWith("built-in/")) {
			return "♪ " + source.substring("built-in/".length()) + ", built-in"
					+ (note.endsWith(", default") ? " (default mood)" : "");
		}
		if (note.startsWith("mood ")) {
			return "♪ " + source + ", " + note.substring(5).replace(", default", " (default mood)");
		}
		return "♪ " + source;
	}

	/** {@code measured: original -26.6 LUFS, music gain -18.5 dB}: one label per measurement. */
	private static void measured(String section, List<Label> labels) {
		int colon = section.indexOf(": ");
		String kind = colon < 0 ? "measured" : section.substring(0, colon).strip();
		String body = colon < 0 ? section : section.substring(colon + 2);
		int first = labels.size();
		for (String part : body.split(", ")) {
			if (!part.isBlank()) {
				labels.add(new Label("measured", minus(part.strip())));
			}
		}
		if (!"measured".equals(kind) && labels.size() > first) {
			// a section of another name keeps its name in front of its first value
			labels.set(first, new Label("measured", kind + ": " + labels.get(first).text()));
		}
	}

	private static boolean zero(String seconds) {
		return seconds.matches("0(\\.0+)?s");
	}

	private static String seconds(String value) {
		return value.endsWith("s") ? value.substring(0, value.length() - 1) + " s" : value;
	}

	/** A typographic minus for negative numbers, which a hyphen would break across lines. */
	private static String minus(String text) {
		return text.replaceAll("(^|[ (])-(?=\\d)", "$1\u2212");
	}

}
