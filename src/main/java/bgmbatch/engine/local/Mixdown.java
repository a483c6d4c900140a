package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.SoundMeasurement;
import bgmbatch.media.CommandRunner;

/**
 * Makes one item's sound to the delivery spec: integrated loudness within
 * {@link #TOLERANCE_LU} of the target and no true peak above the ceiling, measured on the
 * encoded file. One gain for the whole mix, so fades and dynamics stay as they are (a
 * dynamic normaliser would flatten them); a true-peak limiter catches what the gain pushes
 * over the ceiling.
 * <p>
 * The steps: an analysis pass measures the original and the music apart and predicts the
 * gain. When the mix's peaks could reach the limiter, a mix pass plays the real mix
 * through it and measures what it takes away (0.3 LU on ordinary speech at -14 LUFS, 2.3
 * LU with near-full-scale bursts, measured for issue 12) and what correlated music adds.
 * The render is then checked on the encoded file; one that misses gets one corrected
 * render.
 */
final class Mixdown {

	/** The spec: every output's integrated loudness within this many LU of its target. */
	static final double TOLERANCE_LU = 0.5;

	/**
	 * A render further than this from the target gets its one correction. Tighter than the
	 * spec because another meter may read a tenth or two apart (ebur128 prints tenths).
	 */
	static final double AIM_LU = 0.2;

	/** An original quieter than this is room tone, not something the music can be set against. */
	static final double SILENT_ORIGINAL_LUFS = -50;

	/**
	 * How far over the limiter's mark a true peak may lie when sample peaks are below it: the
	 * mix pass runs when the peaks could come this close. Intersample peaks of ordinary audio
	 * stay within about 0.5 dB of the sample peaks.
	 */
	private static final double INTERSAMPLE_DB = 1;

	/**
	 * The loudness change per dB of gain once a limiter takes loudness away: measured 0.5
	 * on speech, 0.75 on bursts; the mix passes then find the real slope.
	 */
	private static final double LIMITED_SLOPE = 0.6;

	/** Mix passes at most before the render: each costs about a third of a render. */
	private static final int MAX_MIX_PASSES = 3;

	/** A mix pass this close to the target is close enough to render (ebur128 prints tenths). */
	private static final double MIX_AIM_LU = 0.1;

	/**
	 * Peaks this far over the limiter's mark are limited hard (they took 1.4 to 3 LU in the
	 * tests, 0.2 to 0.4 LU at 2.5 to 3 dB over): the limiter then works on most peaks and
	 * AAC overshoots its mark by up to 0.8 dB (bursts limited by 14 dB: -0.5 dBTP from a
	 * -1.3 mark), so the mark goes further under the ceiling.
	 */
	private static final double HEAVY_LIMITING_DB = 4;

	private static final double HEAVY_OVERSHOOT_DB = 1.2;

	/** ebur128 reports, every 100 ms, the loudness of the 400 ms block ending there. */
	private static final double STEP_SECONDS = 0.1;

	private static final double BLOCK_SECONDS = 0.4;

	private static final int MIN_STEADY_BLOCKS = 5;

	/** Runs one ffmpeg command, turning its failures into the engine's typed failures. */
	interface Ffmpeg {

		CommandRunner.CommandResult run(List<String> command, String what, Path partFile);

	}

	/**
	 * @param gains the gains of the delivered render
	 * @param measured the delivered file's sound
	 * @param ducking the ducking curve, or null
	 * @param mixPasses how many mix passes played the mix through the limiter before the render
	 * @param renders how many times the output was rendered (2 after a correction)
	 * @param notes what the plan must say about the result (a miss the correction did not mend)
	 */
	record Result(MixGraph.Gains gains, LoudnessSummary measured, Ducking ducking, int mixPasses, int renders,
			List<String> notes) {

		SoundMeasurement measurement(double targetLufs) {
			return new SoundMeasurement(targetLufs, this.measured.integratedLufs(), this.measured.truePeakDbtp(),
					this.measured.rangeLu());
		}

	}

	private final Ffmpeg ffmpeg;

	Mixdown(Ffmpeg ffmpeg) {
		this.ffmpeg = ffmpeg;
	}

	/** Renders the item's output into its part file; measurement files go into the folder. */
	Result render(MixPlan plan, Path video, double musicSeconds, Path output, Path part, Path folder) {
		this.ffmpeg.run(MixGraph.analysis(plan, video, musicSeconds, folder), "measure the sound of", null);
		Prediction first = predict(plan, musicSeconds, folder, MixGraph.container(output));
		double target = plan.instruction().loudnessLufs();
		GainSearch search = new GainSearch(target);
		MixGraph.Gains gains = first.gains();
		if (first.peakDb() > gains.limitDbtp() - INTERSAMPLE_DB) {
			gains = throughTheLimiter(plan, video, musicSeconds, first, search);
		}
		int mixPasses = search.tries();
		LoudnessSummary measured = renderAndCheck(plan, video, musicSeconds, gains, first.envelope(), output, part);
		int renders = 1;
		if (!meets(measured, target, plan.truePeakDbtp(), AIM_LU)) {
			search.tried(gains.finalGainDb(), measured.integratedLufs());
			if (measured.truePeakDbtp() > plan.truePeakDbtp()) {
				gains = gains.withLimit(gains.limitDbtp() - (measured.truePeakDbtp() - plan.truePeakDbtp()) - 0.2);
			}
			gains = gains.withFinalGain(search.next());
			measured = renderAndCheck(plan, video, musicSeconds, gains, first.envelope(), output, part);
			renders++;
		}
		return new Result(gains, measured, first.ducking(), mixPasses, renders,
				misses(measured, target, plan.truePeakDbtp()));
	}

	/**
	 * The gain that lands the limited mix on the target, found with mix passes (audio only,
	 * no encoder): each plays the real mix through the limiter, the next gain follows the
	 * line through the last two tries.
	 */
	private MixGraph.Gains throughTheLimiter(MixPlan plan, Path video, double musicSeconds, Prediction first,
			GainSearch search) {
		MixGraph.Gains gains = first.gains();
		if (first.peakDb() - gains.limitDbtp() > HEAVY_LIMITING_DB) {
			gains = gains.withLimit(plan.truePeakDbtp() - HEAVY_OVERSHOOT_DB);
		}
		for (int pass = 0; pass < MAX_MIX_PASSES; pass++) {
			String log = this.ffmpeg.run(MixGraph.mixPass(plan, video, musicSeconds, gains, first.envelope()),
					"measure the mix of", null).stderr();
			double limited = LoudnessSummary.parse(log, MixGraph.OUT_METER).integratedLufs();
			if (pass == 0) {
				search.limiterTook(LoudnessSummary.parse(log, MixGraph.PRE_METER).integratedLufs() - limited);
			}
			search.tried(gains.finalGainDb(), limited);
			if (Math.abs(limited - plan.instruction().loudnessLufs()) <= MIX_AIM_LU) {
				break;
			}
			gains = gains.withFinalGain(search.next());
		}
		return gains;
	}

	private LoudnessSummary renderAndCheck(MixPlan plan, Path video, double musicSeconds, MixGraph.Gains gains,
			Path envelope, Path output, Path part) {
		this.ffmpeg.run(MixGraph.render(plan, video, musicSeconds, gains, envelope, output, part), "render", part);
		String log = this.ffmpeg.run(MixGraph.check(part), "check the sound of", null).stderr();
		return LoudnessSummary.parse(log, MixGraph.OUT_METER);
	}

	/**
	 * The gains tried and the loudness each gave. The next gain follows the line through
	 * the last two tries; after one try it assumes the limiter (when it took anything) lets
	 * only {@link #LIMITED_SLOPE} of a gain change through.
	 */
	static final class GainSearch {

		private final double target;

		private final List<double[]> tried = new ArrayList<>();

		private double limiterLoss;

		GainSearch(double target) {
			this.target = target;
		}

		void tried(double gainDb, double lufs) {
			this.tried.add(new double[] { gainDb, lufs });
		}

		int tries() {
			return this.tried.size();
		}

		void limiterTook(double lu) {
			this.limiterLoss = lu;
		}

		double next() {
			double[] last = this.tried.get(this.tried.size() - 1);
			if (!Double.isFinite(last[1])) {
				return last[0];
			}
			double slope = this.limiterLoss > 0.05 ? LIMITED_SLOPE : 1;
			if (this.tried.size() > 1) {
				double[] before = this.tried.get(this.tried.size() - 2);
				if (Math.abs(last[0] - before[0]) > 0.05) {
					slope = clamp((last[1] - before[1]) / (last[0] - before[0]), 0.3, 1.2);
				}
			}
			return clamp(last[0] + (this.target - last[1]) / slope, -40, 40);
		}

	}

	private static boolean meets(LoudnessSummary measured, double target, double ceiling, double tolerance) {
		return Math.abs(measured.integratedLufs() - target) <= tolerance && measured.truePeakDbtp() <= ceiling;
	}

	private static List<String> misses(LoudnessSummary measured, double target, double ceiling) {
		List<String> notes = new ArrayList<>();
		if (Math.abs(measured.integratedLufs() - target) > TOLERANCE_LU) {
			notes.add(String.format(Locale.ROOT, "the output measures %.1f LUFS, %.1f LU from the %s LUFS target",
					measured.integratedLufs(), Math.abs(measured.integratedLufs() - target), MixPlan.seconds(target)));
		}
		if (measured.truePeakDbtp() > ceiling) {
			notes.add(String.format(Locale.ROOT, "the output's true peak %.1f dBTP is above the %s dBTP ceiling",
					measured.truePeakDbtp(), MixPlan.seconds(ceiling)));
		}
		return notes;
	}

	/**
	 * @param gains the gains predicted from the parts
	 * @param peakDb the largest sample the mix can have at those gains (the parts' peaks added), in dBFS
	 * @param ducking the ducking curve, or null
	 * @param envelope the file ffmpeg reads the curve from, or null
	 */
	record Prediction(MixGraph.Gains gains, double peakDb, Ducking ducking, Path envelope) {

	}

	/**
	 * The music's gain puts the bed at the planned fraction of the original's loudness; the
	 * final gain brings the predicted mix to the target. Ducking scales the music's blocks
	 * by the curve's power, so the prediction hears the dips.
	 */
	static Prediction predict(MixPlan plan, double musicSeconds, Path folder, String container) {
		Loudness.Tap bed = Loudness.read(folder.resolve(MixGraph.BED_TAP));
		double musicLufs = Loudness.integrated(steadyPart(plan, bed.energies(), musicSeconds));
		if (!Double.isFinite(musicLufs)) {
			throw new ItemRejectedException("the music " + plan.music().getFileName() + " is silent");
		}
		Loudness.Tap original = plan.mixesOriginal() ? Loudness.read(folder.resolve(MixGraph.ORIGINAL_TAP))
				: Loudness.Tap.silent();
		double originalLufs = Loudness.integrated(original.energies());
		boolean reference = originalLufs > SILENT_ORIGINAL_LUFS;
		double musicGain = reference ? 20 * Math.log10(plan.instruction().volume()) + originalLufs - musicLufs : 0;
		musicGain = clamp(musicGain, -60, 40);
		double[] bedEnergies = bed.energies();
		Ducking ducking = null;
		Path envelope = null;
		if (plan.ducking() && reference) {
			double[] speech = Loudness.readLevels(folder.resolve(MixGraph.SPEECH_TAP), MixGraph.SPEECH_KEY + "=");
			ducking = Ducking.plan(speech, plan.instruction().duckingDb(), plan.durationSeconds());
			envelope = folder.resolve(MixGraph.ENVELOPE);
			write(ducking, envelope);
			bedEnergies = bedEnergies.clone();
			for (int i = 0; i < bedEnergies.length; i++) {
				double end = (i + 1) * STEP_SECONDS;
				bedEnergies[i] *= ducking.meanPower(end - BLOCK_SECONDS, end);
			}
		}
		double mixLufs = Loudness.integrated(Loudness.sum(original.energies(), bedEnergies, Math.pow(10, musicGain / 20)));
		double finalGain = clamp(plan.instruction().loudnessLufs() - mixLufs, -40, 40);
		double limit = AudioOut.limitDbtp(plan.truePeakDbtp(), container);
		double peak = finalGain + 20 * Math.log10(amplitude(original.peakDb()) + amplitude(bed.peakDb() + musicGain));
		return new Prediction(new MixGraph.Gains(musicGain, finalGain, limit, originalLufs, musicLufs, mixLufs), peak,
				ducking, envelope);
	}

	/**
	 * The music's own level: the blocks of the bed that no fade touches, so one analysis
	 * pass serves both the level and the mix. A bed that is all fade is measured whole.
	 */
	static double[] steadyPart(MixPlan plan, double[] bed, double musicSeconds) {
		double from = plan.startSeconds() + plan.fadeInSeconds() + BLOCK_SECONDS;
		double to = plan.startSeconds() + MixGraph.bedSeconds(plan, musicSeconds) - plan.fadeOutSeconds();
		int first = (int) Math.ceil(from / STEP_SECONDS) - 1;
		int last = (int) Math.floor(to / STEP_SECONDS) - 1;
		if (last - first + 1 < MIN_STEADY_BLOCKS) {
			return bed;
		}
		return Arrays.copyOfRange(bed, Math.max(0, first), Math.min(bed.length, last + 1));
	}

	private static void write(Ducking ducking, Path envelope) {
		try {
			ducking.write(envelope);
		}
		catch (IOException ex) {
			throw new ItemFailedException("cannot write the ducking curve into " + envelope.getParent() + ": "
					+ ex.getMessage(), ex);
		}
	}

	private static double amplitude(double db) {
		return Double.isFinite(db) ? Math.pow(10, db / 20) : 0;
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

}
