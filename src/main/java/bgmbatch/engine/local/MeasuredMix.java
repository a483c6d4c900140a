package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import bgmbatch.engine.Plan;

/**
 * What the render measured: the parts, the gains applied, the ducking, and the delivered
 * file's sound against the spec. Kept in the item's handles as a record; the measured part
 * of the plan the ledger and the report show is made from it, never edited as text.
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

	/**
	 * The measurement in words, e.g. {@code measured: original -23.0 LUFS, music -18.2 LUFS,
	 * …; output: integrated -14.0 LUFS (target -14 ±1.0), …}.
	 */
	Plan.Measured describe() {
		List<String> mix = new ArrayList<>();
		if (Double.isFinite(this.originalLufs)) {
			mix.add("original " + lufs(this.originalLufs));
		}
		mix.add("music " + lufs(this.musicLufs));
		mix.add(String.format(Locale.ROOT, "music gain %+.1f dB", this.musicGainDb));
		mix.add(String.format(Locale.ROOT, "final gain %+.1f dB", this.finalGainDb));
		if (this.duckDips >= 0) {
			mix.add(String.format(Locale.ROOT, "ducked %s over %.1f s",
					this.duckDips == 1 ? "once" : this.duckDips + " times", this.duckedSeconds));
		}
		List<String> output = new ArrayList<>();
		output.add(String.format(Locale.ROOT, "integrated %.1f LUFS (target %s ±%.1f)", this.integratedLufs,
				MixPlan.seconds(this.targetLufs), Mixdown.TOLERANCE_LU));
		output.add(String.format(Locale.ROOT, "true peak %.1f dBTP", this.truePeakDbtp));
		output.add(String.format(Locale.ROOT, "loudness range %.1f LU", this.rangeLu));
		if (this.mixPasses > 0) {
			output.add("limiter met in " + this.mixPasses + (this.mixPasses == 1 ? " mix pass" : " mix passes"));
		}
		if (this.renders > 1) {
			output.add("corrected once");
		}
		return new Plan.Measured(List.of(new Plan.Group("measured", mix), new Plan.Group("output", output)), this.notes);
	}

	/** The plan with this measurement: what the ledger and the report show for a rendered item. */
	Plan describe(MixPlan plan) {
		return plan.describe().withMeasured(describe());
	}

	private static String lufs(double value) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f LUFS", value) : "silent";
	}

}
