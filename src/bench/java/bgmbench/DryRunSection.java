package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bgmbench.Numbers.median;
import static bgmbench.Numbers.millis;
import static bgmbench.Numbers.seconds;

/**
 * Section 7 ({@code dryrun}): {@code dry-run=true} over a manifest whose files are all
 * missing (a share that did not mount): the cost per row of checking its files, start-up
 * taken out by a one-row run of the same command.
 */
final class DryRunSection {

	private final Bench b;

	DryRunSection(Bench bench) {
		this.b = bench;
	}

	void run() throws IOException {
		int n = this.b.mode().pick(10_000, 2_000, 50);
		System.out.println("[7] dry run: " + n + " rows whose files are missing, and one row, plain java -jar");
		Path folder = Files.createDirectories(this.b.work().resolve("dryrun"));
		Path gone = folder.resolve("not-mounted");
		StringBuilder csv = new StringBuilder("video,instruction\n");
		for (int i = 0; i < n; i++) {
			csv.append(gone.resolve(String.format("clip-%05d.mp4", i))).append(",add calm music\n");
		}
		Path many = Files.writeString(folder.resolve("many.csv"), csv);
		Path one = Files.writeString(folder.resolve("one.csv"),
				"video,instruction\n" + gone.resolve("x.mp4") + ",add calm music\n");
		List<Double> manyRuns = new ArrayList<>();
		List<Double> oneRuns = new ArrayList<>();
		int repeats = this.b.mode().pick(3, 1, 1);
		for (int i = 0; i < repeats; i++) {
			manyRuns.add(dryRun(many, folder.resolve("state-many-" + i)));
			oneRuns.add(dryRun(one, folder.resolve("state-one-" + i)));
		}
		double perRow = (median(manyRuns) - median(oneRuns)) / (n - 1);
		this.b.table().row("8", "dry run, per row whose file is missing (" + n + " rows - 1 row) / 1 ms",
				millis(perRow), "1 ms", perRow / 0.001, "<= 1 ms", perRow <= 0.001);
		this.b.table().limit("8", "per row the manifest is read and checked, the file looked up (missing), and a line"
				+ " printed; the files are looked up on a pool of threads, so a slow share waits in parallel");
		this.b.table().note(String.format(Locale.ROOT, "7: median of %d; %d rows took %s, one row %s (start-up,"
				+ " context, manifest check), both exit 3 (rows would be skipped).", repeats, n,
				seconds(median(manyRuns)), seconds(median(oneRuns))));
	}

	private double dryRun(Path manifest, Path state) {
		Launchers launchers = this.b.launchers();
		List<String> command = new ArrayList<>(
				launchers.plainJar(launchers.packaged() ? Launchers.javaOnPath() : Launchers.javaHere()));
		command.addAll(List.of("manifest=" + manifest, "state-dir=" + state, "dry-run=true"));
		Proc proc = Proc.run(command, this.b.work(), null, false);
		if (proc.exitCode() != 3) {
			throw new IllegalStateException("the dry run should exit 3, not " + proc.exitCode() + ":\n"
					+ Proc.tail(proc.stdout()));
		}
		return proc.seconds();
	}

}
