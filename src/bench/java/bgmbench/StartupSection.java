package bgmbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bgmbench.Numbers.median;
import static bgmbench.Numbers.runs;
import static bgmbench.Numbers.seconds;

/**
 * Section 3 ({@code startup}): from launching java to the first item under way (its first
 * stage's start in the ledger), on a one-item manifest of the 1 s clip in a fresh state
 * folder. The commands take turns, so a change in the machine's load touches them all alike.
 */
final class StartupSection {

	private final Bench b;

	private final Table table;

	StartupSection(Bench bench) {
		this.b = bench;
		this.table = bench.table();
	}

	record Launch(String id, String what, List<String> command, int runs, List<OurJob.Times> results) {

		List<Double> starts() {
			return this.results.stream().map(OurJob.Times::toFirstItem).filter((v) -> v != null).toList();
		}

	}

	void run() {
		int runs = this.b.mode().pick(5, 2, 1);
		int infoRuns = this.b.mode().pick(3, 1, 1);
		Launchers launchers = this.b.launchers();
		Path manifest = this.b.manifest("startup", List.of(this.b.inputs().tiny), this.b.inputs().music,
				Expert.INSTRUCTION);
		String pathJava = launchers.packaged() ? Launchers.javaOnPath() : Launchers.javaHere();
		String pathVersion = Launchers.javaVersion(pathJava);
		List<String> runSh = launchers.runSh();
		String runShVersion = Launchers.javaVersion(runSh.get(0));
		boolean twoJavas = launchers.packaged() && !Path.of(runSh.get(0)).equals(Path.of(pathJava))
				&& Launchers.major(runShVersion) != Launchers.major(pathVersion);
		String cache = !launchers.packaged() ? "no cache: unpackaged"
				: runSh.stream().anyMatch((word) -> word.startsWith("-XX:AOTCache=")) ? "AOT cache" : "CDS archive";

		List<Launch> launches = new ArrayList<>();
		Launch plain = new Launch("3a", "plain java -jar (Java " + pathVersion + ", Spring AOT)",
				launchers.plainJar(pathJava), runs, new ArrayList<>());
		Launch script = new Launch("3b", "run.sh's command (Java " + runShVersion + ", " + cache + ", C1)", runSh, runs,
				new ArrayList<>());
		Launch ordinary = new Launch("3c", "plain java -jar without Spring AOT (Java " + pathVersion + ")",
				launchers.plainJar(pathJava, "-Dspring.aot.enabled=false"), infoRuns, new ArrayList<>());
		launches.addAll(List.of(plain, script, ordinary));
		if (twoJavas) {
			launches.add(new Launch("3d", "run.sh's command with JAVA=" + pathVersion + " (CDS archive, C1)",
					launchers.runShCommand(pathJava), infoRuns, new ArrayList<>()));
			launches.add(new Launch("3e", "plain java -jar on Java " + runShVersion, launchers.plainJar(runSh.get(0)),
					infoRuns, new ArrayList<>()));
		}
		System.out.println("[3] start-up: " + launches.size() + " commands taking turns, " + runs + " runs of the"
				+ " first two, " + infoRuns + " of the others");
		for (int i = 0; i < runs; i++) {
			for (Launch launch : launches) {
				if (i < launch.runs()) {
					OurJob.Times run = this.b.ourJob().run("start-" + launch.id() + "-" + i, launch.command(), manifest,
							List.of());
					launch.results().add(run);
					this.b.progress(String.format(Locale.ROOT, "%s run %d: first item after %s", launch.id(), i + 1,
							seconds(run.toFirstItem())));
				}
			}
		}
		if (plain.starts().isEmpty() || script.starts().isEmpty()) {
			this.table.notRun("3a", "start-up to the first item", "the ledger recorded no stage of an item");
			return;
		}
		rows(launches, plain, script, ordinary);
	}

	private void rows(List<Launch> launches, Launch plain, Launch script, Launch ordinary) {
		double plainStart = median(plain.starts());
		double scriptStart = median(script.starts());
		Double ordinaryStart = ordinary.starts().isEmpty() ? null : median(ordinary.starts());
		this.table.row("3a", "start-up to first item: " + plain.what(), seconds(plainStart),
				ordinaryStart == null ? "-" : seconds(ordinaryStart) + " (3c)",
				ordinaryStart == null ? null : plainStart / ordinaryStart, "<= 2 s", plainStart <= 2.0);
		this.table.row("3b", "start-up to first item: " + script.what(), seconds(scriptStart),
				seconds(plainStart) + " (3a)", scriptStart / plainStart, "<= 1 s", scriptStart <= 1.0);
		for (Launch launch : launches.subList(2, launches.size())) {
			if (!launch.starts().isEmpty()) {
				this.table.row(launch.id(), "start-up to first item: " + launch.what(), seconds(median(launch.starts())),
						"-", null, "-", null);
			}
		}
		StringBuilder note = new StringBuilder("3a-3" + (char) ('a' + launches.size() - 1)
				+ ": JVM launch to the first stage of an item the ledger recorded, one-item manifest of the 1 s clip,"
				+ " fresh state folder; runs (s):");
		for (Launch launch : launches) {
			note.append(' ').append(launch.id()).append(" [").append(runs(launch.starts())).append(']');
		}
		List<Double> after = script.results().stream().map(OurJob.Times::afterJob).filter((v) -> v != null).toList();
		note.append(". From the job's end to the process exit (run.sh's command): ")
			.append(after.isEmpty() ? "?" : seconds(median(after)))
			.append('.');
		this.table.note(note.toString());
		String what = "start-up is the JVM, the Spring context (Batch, the HSQLDB job database and its schema,"
				+ " the connection pool, logging), the manifest check and the prepare step.";
		this.table.limit("3a", what + " Spring AOT (3a against 3c) takes away finding the bean definitions; what is"
				+ " left is mostly reading, verifying and linking some 7 000 classes from the nested jar with no"
				+ " class-data archive (only a command-line option can give the JVM one) and running Spring's"
				+ " and Logback's set-up in the interpreter.");
		this.table.limit("3b", what + " The JVM's cache takes away loading and linking the classes; what is left"
				+ " is running the set-up code itself, about 0.8 s of it on a quiet 2-core machine.");
	}

}
