package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import bgmbatch.engine.Explanation;

/**
 * A plan explained: which phrase of the instruction set which part of it (for people),
 * and all its parts as plain values (for {@code explain=json}).
 */
final class PlanExplanation {

	private PlanExplanation() {
	}

	static Explanation of(MixPlan plan) {
		return new Explanation(plan.describe(), because(plan), fields(plan));
	}

	/** One line per part of the plan the instruction set: the part, its value, the phrases. */
	static List<String> because(MixPlan plan) {
		Instruction instruction = plan.instruction();
		List<String> lines = new ArrayList<>();
		if (!instruction.language().isEmpty()) {
			String[] languages = instruction.language().split("\\+");
			lines.add("read as " + languages[0] + (languages.length > 1
					? " (with words in " + String.join(", ", List.of(languages).subList(1, languages.length)) + ")" : ""));
		}
		Map<String, String> labels = new LinkedHashMap<>();
		instruction.phrases().keySet().forEach((field) -> labels.put(field, label(field, plan)));
		// the phrases line up in one column, past the longest label ("loudness -23 LUFS (EBU R128 broadcast)")
		int width = Math.max(18, labels.values().stream().mapToInt(String::length).max().orElse(0));
		for (Map.Entry<String, List<String>> part : instruction.phrases().entrySet()) {
			lines.add(String.format(Locale.ROOT, "%-" + width + "s from %s", labels.get(part.getKey()),
					part.getValue().stream().map((p) -> "\"" + p + "\"").collect(Collectors.joining(", "))));
		}
		return lines;
	}

	private static String label(String field, MixPlan plan) {
		Instruction instruction = plan.instruction();
		return switch (field) {
			case "mood" -> "mood " + instruction.mood();
			case "volume" -> "volume " + Math.round(instruction.volume() * 100) + "%";
			case "fadeIn" -> "fade-in " + MixPlan.seconds(plan.fadeInSeconds()) + "s";
			case "fadeOut" -> "fade-out " + MixPlan.seconds(plan.fadeOutSeconds()) + "s";
			case "ducking" -> "ducking " + (plan.ducking() ? "on" : "off");
			case "duckingDepth" -> "ducking -" + MixPlan.seconds(instruction.duckingDb()) + " dB";
			case "original" -> "original " + plan.original().name().toLowerCase(Locale.ROOT);
			case "start" -> "start " + MixPlan.seconds(plan.startSeconds()) + "s";
			case "end" -> "end " + MixPlan.seconds(plan.endSeconds()) + "s";
			case "loop" -> "loop " + (instruction.loop() ? "on" : "off");
			case "loudness" -> "loudness " + MixPlan.seconds(instruction.loudnessLufs()) + " LUFS"
					+ (MixPlan.preset(instruction.loudnessLufs()) == null ? ""
							: " (" + MixPlan.preset(instruction.loudnessLufs()) + ")");
			default -> field;
		};
	}

	/** The plan's parts as plain values, named as {@code explain=json} documents them. */
	static Map<String, Object> fields(MixPlan plan) {
		Instruction instruction = plan.instruction();
		Map<String, Object> parts = new LinkedHashMap<>();
		parts.put("music", plan.musicLabel());
		parts.put("musicFromManifest", plan.fromManifest());
		parts.put("mood", instruction.mood());
		parts.put("moodAsked", instruction.moodAsked());
		parts.put("volume", round(instruction.volume()));
		parts.put("fadeInSeconds", round(plan.fadeInSeconds()));
		parts.put("fadeOutSeconds", round(plan.fadeOutSeconds()));
		parts.put("ducking", plan.ducking());
		parts.put("duckingDb", round(instruction.duckingDb()));
		parts.put("original", plan.original().name().toLowerCase(Locale.ROOT));
		parts.put("startSeconds", round(plan.startSeconds()));
		parts.put("endSeconds", round(plan.endSeconds()));
		parts.put("loop", instruction.loop());
		parts.put("loudnessLufs", round(instruction.loudnessLufs()));
		parts.put("loudnessPreset", MixPlan.preset(instruction.loudnessLufs()));
		parts.put("truePeakDbtp", round(plan.truePeakDbtp()));
		parts.put("video", plan.video().copy() ? "copied" : "re-encoded: " + plan.video().reason());
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("language", instruction.language());
		fields.put("plan", parts);
		fields.put("phrases", instruction.phrases());
		fields.put("warnings", plan.warnings());
		fields.put("notUnderstood", instruction.notUnderstood());
		return fields;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
