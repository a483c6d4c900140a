package bgmbatch.engine.local;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the render measured: the parts, the gains applied, the ducking, and the delivered
 * file's sound against the spec. Kept in the item's handles as a record; the plan line
 * the ledger and the report show is rendered from it and the plan, never edited as text.
 *
 * @param originalLufs the original audio's loudness, not finite when silent or absent
 * @param musicLufs the music's loudness, not finite when silent
 * @param musicGainDb the gain applied to the music
 * @param finalGainDb the gain applied to the mix
 * @param duckDips how often the music dipped under speech, -1 without ducking
 * @param duckedSeconds how long it stayed dipped
 * @param targetLufs the loudness the output was made for
 * @param integratedLufs the output's integrated loudness
 * @param truePeakDbtp the output's true peak
 * @param rangeLu the output's loudness range
 * @param mixPasses how many mix passes met the limiter before the render (0 when none was needed)
 * @param renders how many renders it took (2 when corrected once)
 * @param notes warnings from the render
 */
record MeasuredMix(double originalLufs, double musicLufs, double musicGainDb, double finalGainDb, int duckDips,
		double duckedSeconds, double targetLufs, double integratedLufs, double truePeakDbtp, double rangeLu,
		int mixPasses, int renders, List<String> notes) {

	/** The handle holding it. */
	static final String HANDLE = "local.measured";

	MeasuredMix {
		notes = List.copyOf(notes);
	}

	static MeasuredMix of(Mixdown.Result result, double targetLufs) {
		MixGraph.Gains gains = result.gains();
		LoudnessSummary out = result.measured();
		Ducking ducking = result.ducking();
		return new MeasuredMix(gains.originalLufs(), gains.musicLufs(), gains.musicGainDb(), gains.finalGainDb(),
				ducking == null ? -1 : ducking.dips(), ducking == null ? 0 : ducking.duckedSeconds(), targetLufs,
				out.integratedLufs(), out.truePeakDbtp(), out.rangeLu(), result.mixPasses(), result.renders(),
				result.notes());
	}

	Map<String, String> toHandle() {
		return Map.of(HANDLE, StateJson.write(this));
	}

	/** The measurement in words, e.g. {@code measured: original -23.0 LUFS, music -18.2 LUFS, ...}. */
	String describe() {
		StringBuilder text = new StringBuilder("measured:");
		if (Double.isFinite(this.originalLufs)) {
			text.append(" original ").append(lufs(this.originalLufs)).append(',');
		}
		text.append(" music ").append(lufs(this.musicLufs));
		text.append(String.format(Locale.ROOT, ", music gain %+.1f dB, final gain %+.1f dB", this.musicGainDb,
				this.finalGainDb));
		if (this.duckDips >= 0) {
			text.append(String.format(Locale.ROOT, ", ducked %s over %.1f s",
					this.duckDips == 1 ? "once" : this.duckDips + " times", this.duckedSeconds));
		}
		text.append(String.format(Locale.ROOT,
				"; output: integrated %.1f LUFS (target %s ±%.1f), true peak %.1f dBTP, loudness range %.1f LU",
				this.integratedLufs, MixPlan.seconds(this.targetLufs), Mixdown.TOLERANCE_LU, this.truePeakDbtp,
				this.rangeLu));
		if (this.mixPasses > 0) {
			text.append(", limiter met in ").append(this.mixPasses).append(this.mixPasses == 1 ? " mix pass" : " mix passes");
		}
		if (this.renders > 1) {
			text.append(", corrected once");
		}
		if (!this.notes.isEmpty()) {
			text.append("; warnings: ").append(String.join("; ", this.notes));
		}
		return text.toString();
	}

	/** The plan line with this measurement: what the ledger and the report show for a rendered item. */
	String describe(MixPlan plan) {
		return plan.describe() + " | " + describe();
	}

	private static String lufs(double value) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f LUFS", value) : "silent";
	}

}
