package bgmbench;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static bgmbench.Numbers.median;
import static bgmbench.Numbers.millis;
import static bgmbench.Numbers.repeat;
import static bgmbench.Numbers.seconds;

/**
 * Section 6 ({@code overhead}): many tiny items through the whole job with the
 * {@link NoopEngine} at concurrency 1, so what is left is the job's own bookkeeping.
 */
final class OverheadSection {

	private final Bench b;

	private final Table table;

	OverheadSection(Bench bench) {
		this.b = bench;
		this.table = bench.table();
	}

	void run() {
		int n = this.b.mode().pick(1000, 100, 3);
		Path tiny = this.b.inputs().tiny;
		System.out.println("[6] overhead: " + n + " tiny items through the whole job with a no-op engine, concurrency 1");
		Path manifest = this.b.manifest("noop-" + n, Collections.nCopies(n, tiny), null, "noop");
		List<String> launcher = this.b.launchers().withBenchClasses(System.getProperty("bench.noop.classpath"));
		OurJob.Times run = this.b.ourJob().run("noop", launcher, manifest, List.of("engine=noop", "concurrency=1",
				"--spring.main.sources=" + NoopEngineConfiguration.class.getName(), "--bench.noop.template=" + tiny));
		this.b.progress(seconds(run.wall()) + " " + run.steps());
		int probes = this.b.mode().pick(30, 30, 3);
		System.out.println("[6] overhead: the output check's ffprobe alone, x" + probes);
		double probe = median(repeat(probes, () -> Proc.run(List.of("ffprobe", "-v", "error", "-print_format", "json",
				"-show_format", "-show_streams", tiny.toString()), this.b.work(), null).seconds()));
		double steps = run.stepsTotal();
		double report = run.jobSpan() == null ? 0 : run.jobSpan() - steps;
		double perItem = steps / n;
		double prepare = run.stepSeconds().getOrDefault("prepare", 0.0);
		double work = run.stepSeconds().getOrDefault("work", 0.0);
		// what the stages themselves took, engine and delivery (the output check's ffprobe), as the ledger
		// timed each one: the rest of the work step is the job's own (claims, reads, commits, listeners)
		double staged = run.itemSeconds().stream().mapToDouble(Double::doubleValue).sum();
		double perItemOwn = (work - staged) / n;
		double bookkeeping = prepare / n + perItemOwn;
		this.table.row("6a", "per-item bookkeeping (ledger, Batch metadata), no-op engine", millis(bookkeeping), "-",
				null, "<= 5 ms", bookkeeping <= 0.005);
		this.table.row("6b", "per item through all steps incl. the output check", millis(perItem),
				millis(probe) + " ffprobe", perItem / probe, "-", null);
		this.table.limit("6a", String.format(Locale.ROOT, "per item the job claims it (one commit), runs five"
				+ " chunks of one stage each (a read of its row, the ledger's update and Spring Batch's step"
				+ " record, committed and synced to disk together: HSQLDB write_delay=false, so a kill loses"
				+ " nothing), and the last commit lets go of it: %s per item here besides the stages."
				+ " Fewer commits would mean bigger chunks, i.e. more work redone after a crash.", millis(perItemOwn)));
		this.table.note(String.format(Locale.ROOT,
				"6a: %d items at concurrency 1. Bookkeeping = prepare (%s for all rows) / items + (the work"
						+ " step's %s - the %s its stages took as the ledger timed each, engine and output check"
						+ " included) / items; step times from Spring Batch's job repository. The output check (an"
						+ " ffprobe) is inside the stages: %s per item for all five stages, against %s for one ffprobe"
						+ " of the output timed alone by the harness (median of %d). After the steps the job spent %s"
						+ " on the reports (report.html draws a frame and the sound before and after with ffmpeg for"
						+ " up to 100 items), %s per item, not counted.",
				n, seconds(prepare), seconds(work), seconds(staged), millis(staged / n), millis(probe), probes,
				seconds(report), millis(report / n)));
	}

}
