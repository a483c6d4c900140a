package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-language instruction into the settings of a {@link MixPlan}. Rule-based
 * and deterministic: the same sentence always gives the same plan.
 */
public final class InstructionParser {

	public static final double DEFAULT_VOLUME = 0.35;

	public static final double DEFAULT_FADE_SECONDS = 3;

	private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%");

	private static final Pattern FADE_IN = Pattern.compile("fade[- ]?in(?:\\s+over)?(?:\\s+(?:the\\s+first\\s+)?(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?))?");

	private static final Pattern FADE_OUT = Pattern.compile("fade(?:\\s+it)?[- ]?out(?:\\s+over)?(?:\\s+(?:the\\s+last\\s+)?(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?))?");

	private static final Pattern MUSIC_ONLY = Pattern.compile("replace the (?:original )?audio|mute the original|music only");

	private static final List<String> MOODS = List.of("upbeat", "calm", "cinematic", "sad", "corporate", "ambient",
			"acoustic", "electronic");

	/** Settings read from an instruction, before music is chosen. */
	public record Settings(String mood, double volume, double fadeInSeconds, double fadeOutSeconds,
			boolean keepOriginal, List<String> warnings) {

	}

	public Settings parse(String instruction) {
		String text = instruction == null ? "" : instruction.toLowerCase(Locale.ROOT);
		List<String> warnings = new ArrayList<>();
		double volume = DEFAULT_VOLUME;
		Matcher percent = PERCENT.matcher(text);
		if (percent.find()) {
			int value = Integer.parseInt(percent.group(1));
			if (value > 0 && value <= 100) {
				volume = value / 100.0;
			}
			else {
				warnings.add("volume " + value + "% is out of range; used " + Math.round(DEFAULT_VOLUME * 100) + "%");
			}
		}
		double fadeIn = seconds(FADE_IN.matcher(text), 0);
		double fadeOut = seconds(FADE_OUT.matcher(text), 0);
		String mood = MOODS.stream().filter(text::contains).findFirst().orElse(null);
		return new Settings(mood, volume, fadeIn, fadeOut, !MUSIC_ONLY.matcher(text).find(), warnings);
	}

	private static double seconds(Matcher matcher, double absent) {
		if (!matcher.find()) {
			return absent;
		}
		return matcher.group(1) == null ? DEFAULT_FADE_SECONDS : Double.parseDouble(matcher.group(1));
	}

}
