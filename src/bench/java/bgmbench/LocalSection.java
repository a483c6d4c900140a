package bgmbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bgmbench.Numbers.median;
import static bgmbench.Numbers.repeat;
import static bgmbench.Numbers.runs;
import static bgmbench.Numbers.seconds;

/**
 * Sections 1 and 2a/2b ({@code local}, {@code batch}): one clip through our job against
 * the tutorial command and the expert pipeline, what the true-peak stage costs, and a
 * batch at concurrency 1 and 2 against the expert pipeline run once per clip in a row.
 */
final class LocalSection {

	private final Bench b;

	private final Table table;

	private final Inputs inputs;

	LocalSection(Bench bench) {
		this.b = bench;
		this.table = bench.table();
		this.inputs = bench.inputs();
	}

	void run() throws IOException {
		Mode mode = this.b.mode();
		int runsA = mode.pick(5, 2, 1);
		int runsC = mode.pick(5, 3, 1);
		Path one = this.b.manifest("one-clip", List.of(this.inputs.clip), this.inputs.music, Expert.INSTRUCTION);

		System.out.println("[1] one clip: our job (as run.sh runs it, start-up included) x" + runsA);
		List<OurJob.Times> ours = new ArrayList<>();
		for (int i = 0; i < runsA; i++) {
			ours.add(this.b.ourJob().run("a-" + i, this.b.launchers().runSh(), one, List.of()));
			this.b.progress(String.format(Locale.ROOT, "run %d: %s (start-up %s)", i + 1, seconds(ours.get(i).wall()),
					seconds(ours.get(i).toFirstItem())));
		}
		double a = median(ours.stream().map(OurJob.Times::wall).toList());

		System.out.println("[1] one clip: expert's hand pipeline (plain ffmpeg, same plan) x" + runsC);
		Path expertOut = this.b.work().resolve("expert-out.mp4");
		List<Double> expert = repeat(runsC, () -> this.b.expert().run(this.inputs.clip, expertOut));
		this.b.progress("runs: " + runs(expert) + " s");
		double c = median(expert);
		if (this.b.has("local")) {
			trueSamplePeak(c, expert, runsC, expertOut);
			tutorial(a, c, ours, runsA);
		}
		// 1c needs the batch: it runs with either section, as it always has
		batch(c, ours);
	}

	private void trueSamplePeak(double c, List<Double> expert, int runsC, Path expertOut) {
		System.out.println("[1] one clip: the expert's pipeline with a sample-peak limiter instead x" + runsC);
		List<Double> samplePeak = repeat(runsC,
				() -> this.b.expert().run(this.inputs.clip, expertOut, Expert.SAMPLE_PEAK_LIMITER));
		this.b.progress("runs: " + runs(samplePeak) + " s");
		double withoutStage = median(samplePeak);
		this.table.row("1d", "the true-peak stage alone: expert with it - expert with a sample-peak limiter",
				seconds(c - withoutStage), seconds(withoutStage), (c - withoutStage) / withoutStage, "-", null);
		this.table.note("1d: the true-peak stage (4x upsampling, limiter, back to 48 kHz) costs the"
				+ " difference; the ratio is that cost / the whole expert pipeline without it. Runs with it: "
				+ runs(expert) + " s; without: " + runs(samplePeak) + " s.");
	}

	private void tutorial(double a, double c, List<OurJob.Times> ours, int runsA) {
		double tutorial;
		String tutorialNote;
		if (!this.b.mode().full()) {
			System.out.println("[1] one clip: tutorial command re-encoding the video, once on a cut");
			double cut = this.b.expert().tutorial(this.inputs.cut);
			double scale = this.inputs.clipSeconds / this.inputs.duration(this.inputs.cut);
			tutorial = cut * scale;
			tutorialNote = "the tutorial command ran once on a cut, scaled x" + String.format(Locale.ROOT, "%.1f", scale)
					+ " (libx264 time grows with the frames)";
		}
		else {
			int runsB = 2;
			System.out.println("[1] one clip: tutorial command re-encoding the video x" + runsB + " (~50 s each)");
			List<Double> values = repeat(runsB, () -> this.b.expert().tutorial(this.inputs.clip));
			this.b.progress("runs: " + runs(values) + " s");
			tutorial = median(values);
			tutorialNote = "the tutorial command ran " + runsB + " times (median = mean of two)";
		}
		String clip = this.inputs.clipWords;
		this.table.row("1a", "one " + clip + " clip: our job (JVM included) / tutorial re-encode", seconds(a),
				seconds(tutorial), a / tutorial, "<= 0.10", a / tutorial <= 0.10);
		this.table.row("1b", "one " + clip + " clip: our job (JVM included) / expert pipeline", seconds(a), seconds(c),
				a / c, "-", null);
		List<Double> starts = ours.stream().map(OurJob.Times::toFirstItem).filter((v) -> v != null).toList();
		this.table.limit("1a", "a one-clip run is mostly fixed cost: start-up to the first item took "
				+ (starts.isEmpty() ? "?" : seconds(median(starts))) + " of " + seconds(a)
				+ "; the mix itself copies the video and encodes only the audio.");
		this.table.note("1a: " + tutorialNote + "; our job median of " + runsA + " runs: "
				+ runs(ours.stream().map(OurJob.Times::wall).toList()) + " s.");
	}

	private void batch(double c, List<OurJob.Times> one) throws IOException {
		int n = this.b.mode().pick(16, 4, 2);
		List<Path> clips = this.inputs.copies(n);
		Path manifest = this.b.manifest("batch-" + n, clips, this.inputs.music, Expert.INSTRUCTION);

		System.out.println("[2] batch of " + n + " clips: our job at concurrency 1");
		OurJob.Times serial = this.b.ourJob().run("batch-c1", this.b.launchers().runSh(), manifest,
				List.of("concurrency=1"));
		this.b.progress(seconds(serial.wall()) + " " + serial.steps());
		System.out.println("[2] batch of " + n + " clips: our job at concurrency 2");
		OurJob.Times parallel = this.b.ourJob().run("batch-c2", this.b.launchers().runSh(), manifest,
				List.of("concurrency=2"));
		this.b.progress(seconds(parallel.wall()) + " " + parallel.steps());
		System.out.println("[2] batch of " + n + " clips: the expert pipeline " + n + " times in a row");
		Path out = this.b.work().resolve("expert-out.mp4");
		double expertRow = 0;
		for (Path clip : clips) {
			expertRow += this.b.expert().run(clip, out);
		}
		this.b.progress(seconds(expertRow));

		// the marginal cost of an item: the batch minus the one-clip run, which both pay start-up once
		double a1 = median(one.stream().map(OurJob.Times::wall).toList());
		double perItem = (serial.wall() - a1) / (n - 1);
		double ledgerPerItem = median(serial.itemSeconds());
		this.table.row("1c", "per item inside a batch (no JVM) / expert pipeline", seconds(perItem), seconds(c),
				perItem / c, "<= 1.15", perItem / c <= 1.15);
		this.table.note(String.format(Locale.ROOT,
				"1c: per item = (batch of %d at concurrency 1 - one-clip run) / %d = (%s - %s) / %d; the ledger's"
						+ " stage seconds say %s per item (engine and delivery only, without the job's own commits).",
				n, n - 1, seconds(serial.wall()), seconds(a1), n - 1, seconds(ledgerPerItem)));
		this.table.limit("1c", "per item the ledger's stage seconds say " + seconds(ledgerPerItem) + " (engine and output"
				+ " check) against the expert's " + seconds(c) + "; the batch at concurrency 1 spent "
				+ serial.steps() + " in its steps. Besides the mix, our engine probes the input and the music and"
				+ " the delivery probes the output (each ffprobe a process start), and every stage of every item"
				+ " is its own committed chunk.");
		double parallelSteps = parallel.stepsTotal();
		double start = parallel.toFirstItem() == null ? 0 : parallel.toFirstItem();
		this.table.limit("2a", String.format(Locale.ROOT, "the job at concurrency 2 took %s: start-up to the first item"
				+ " %s, steps %s %s, the rest (reports with their pictures, shutdown) %s. Two ffmpeg processes"
				+ " plus the JVM share two cores.", seconds(parallel.wall()), seconds(parallel.toFirstItem()),
				seconds(parallelSteps), parallel.steps(), seconds(parallel.wall() - parallelSteps - start)));
		this.table.row("2a", n + " clips at concurrency 2 (JVM included) / expert x" + n + " in a row",
				seconds(parallel.wall()), seconds(expertRow), parallel.wall() / expertRow, "<= 0.75",
				parallel.wall() / expertRow <= 0.75);
		this.table.row("2b", n + " clips at concurrency 1 (JVM included) / expert x" + n + " in a row",
				seconds(serial.wall()), seconds(expertRow), serial.wall() / expertRow, "-", null);
		this.table.note("2a/2b: each batch ran once (a batch is already " + n + " items)"
				+ (this.b.mode().full() ? "." : "; " + n + " clips, not 16, in this mode."));
	}

}
