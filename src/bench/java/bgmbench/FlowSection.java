package bgmbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bgmbench.Numbers.seconds;

/**
 * Section 2c/2d ({@code flow}): items flow through the stages, so a mixed batch keeps
 * both workers busy (against the expert pipeline run by a pool of two workers, what
 * {@code xargs -P2} does), and the first output does not wait for the end of the run.
 */
final class FlowSection {

	private final Bench b;

	private final Table table;

	private final Inputs inputs;

	FlowSection(Bench bench) {
		this.b = bench;
		this.table = bench.table();
		this.inputs = bench.inputs();
	}

	void run() throws IOException {
		mixed();
		firstOutput();
	}

	/**
	 * One long recording among short clips at concurrency 2 against the expert pipeline run
	 * by a pool of two workers that each take the next clip when free: a job that shares
	 * the work out in advance, or waits at stage boundaries, leaves a worker idle while the
	 * long one runs.
	 */
	private void mixed() throws IOException {
		int shorts = this.b.mode().pick(11, 5, 1);
		List<Path> clips = new ArrayList<>();
		clips.add(this.inputs.longClip);
		clips.addAll(this.inputs.copies(this.inputs.short30, "short", shorts));
		String what = "one " + seconds(this.inputs.duration(this.inputs.longClip)) + " + " + shorts + " x "
				+ seconds(this.inputs.duration(this.inputs.short30)) + " clips";
		Path manifest = this.b.manifest("mixed-" + shorts, clips, this.inputs.music, Expert.INSTRUCTION);
		System.out.println("[2] mixed batch (" + what + "): our job at concurrency 2");
		OurJob.Times ours = this.b.ourJob().run("mixed", this.b.launchers().runSh(), manifest, List.of("concurrency=2"));
		this.b.progress(seconds(ours.wall()) + " " + ours.steps());
		System.out.println("[2] mixed batch: the expert pipeline by a pool of 2 workers taking the next clip");
		double pool = this.b.expert().pool(clips, 2);
		this.b.progress(seconds(pool));
		double ratio = ours.wall() / pool;
		this.table.row("2c", "mixed batch (" + what + ") at concurrency 2 (JVM included) / expert by a 2-worker pool",
				seconds(ours.wall()), seconds(pool), ratio, "<= 1.05", ratio <= 1.05);
		// how well our workers shared the work, whatever each item cost: the work step against the best
		// two workers could do with the item times the ledger recorded (the longest item, or half the sum)
		double sum = ours.itemSeconds().stream().mapToDouble(Double::doubleValue).sum();
		double longest = ours.itemSeconds().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double work = ours.stepSeconds().getOrDefault("work", 0.0);
		double best = Math.max(longest, sum / 2);
		this.table.note(String.format(Locale.ROOT, "2c: the long clip is the first row of the manifest; the pool"
				+ " takes the clips in the same order, each of its 2 workers the next one when it is free (xargs"
				+ " -P2). Each ran once. Our work step took %s where two workers could at best take %s with the"
				+ " item times the ledger recorded (longest item %s, sum %s): %.3f of the best split.",
				seconds(work), seconds(best), seconds(longest), seconds(sum), work / best));
		double start = ours.toFirstItem() == null ? 0 : ours.toFirstItem();
		this.table.limit("2c", String.format(Locale.ROOT, "our run includes the JVM's start-up (%s to the first item)"
				+ " and the reports at the end (%s after the work step); the pool starts at once. The split of the"
				+ " work is %.3f of the best possible (see the note), so the rest is per item: our items took %s"
				+ " in all by the ledger against the pool's %s of wall time for two workers.",
				seconds(ours.toFirstItem()), seconds(ours.wall() - work - start), work / best, seconds(sum),
				seconds(pool)));
	}

	/** Equal clips at concurrency 2: the first output must not wait for the end of the run. */
	private void firstOutput() throws IOException {
		int n = this.b.mode().pick(10, 6, 2);
		Path manifest = this.b.manifest("first-output-" + n, this.inputs.copies(n), this.inputs.music,
				Expert.INSTRUCTION);
		System.out.println("[2] first output: " + n + " x " + this.inputs.clipWords + " clips at concurrency 2");
		OurJob.Times run = this.b.ourJob().run("first-output", this.b.launchers().runSh(), manifest,
				List.of("concurrency=2"));
		this.b.progress(seconds(run.wall()) + ", first output at " + seconds(run.toFirstOutput()));
		if (run.toFirstOutput() == null) {
			this.table.notRun("2d", "first delivered output / run time", "the ledger recorded no delivery");
			return;
		}
		double share = run.toFirstOutput() / run.wall();
		this.table.row("2d", n + " x " + this.inputs.clipWords
				+ " clips at concurrency 2: first delivered output / run time (JVM included)",
				seconds(run.toFirstOutput()), seconds(run.wall()) + " run", share, "<= 0.30", share <= 0.30);
		this.table.note("2d: from the JVM's launch to the first delivery the ledger recorded (the output renamed"
				+ " into place and its last stage committed), against the whole run, JVM start-up included.");
		this.table.limit("2d", "the first output waits for start-up (" + seconds(run.toFirstItem())
				+ " to the first item) plus one item's stages; with few items, that is a large share of the run.");
	}

}
