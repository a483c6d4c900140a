package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the local engine will do to one item, derived from the instruction.
 *
 * @param mood the mood the music should have
 * @param music the music file to mix in
 * @param musicSource where the music came from: "manifest", "library" or "built-in"
 * @param volume the music's gain, 1.0 = as recorded
 * @param fadeInSeconds fade-in length at the start, 0 for none
 * @param fadeOutSeconds fade-out length at the end, 0 for none
 * @param keepOriginal whether the original audio stays under the music
 * @param warnings words of the instruction that were not understood
 */
public record MixPlan(String mood, Path music, String musicSource, double volume, double fadeInSeconds,
		double fadeOutSeconds, boolean keepOriginal, List<String> warnings) {

	public MixPlan {
		warnings = List.copyOf(warnings);
	}

	/** One line for the ledger and the report. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append("music=").append(this.music.getFileName()).append(" (").append(this.musicSource);
		if (this.mood != null) {
			text.append(", mood ").append(this.mood);
		}
		text.append(')');
		text.append(String.format(Locale.ROOT, " volume=%d%% fade-in=%ss fade-out=%ss original=%s",
				Math.round(this.volume * 100), seconds(this.fadeInSeconds), seconds(this.fadeOutSeconds),
				this.keepOriginal ? "kept" : "replaced"));
		if (!this.warnings.isEmpty()) {
			text.append(" warnings=").append(String.join("; ", this.warnings));
		}
		return text.toString();
	}

	private static String seconds(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

}
