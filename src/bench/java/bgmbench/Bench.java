package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks of issue 7, run by {@code bench/run.sh [quick] [section...]}. Every
 * ratio compares our job with a baseline measured in the same run on the same machine;
 * every timing is a median of several runs unless the table says otherwise. Timings live
 * here and nowhere else: the unit tests assert behaviour, never speed ({@link BenchSmokeTest}
 * only proves each section still runs).
 * <p>
 * Our job is run the way run.sh runs it (the extracted jar with its start-up cache: a
 * JDK 25's AOT cache, else Java 17's class-data-sharing archive) in a fresh state folder,
 * so start-up is included; the start-up rows also run the plain {@code java -jar} a
 * crontab line runs. What a run did is read from its job database afterwards
 * ({@link OurJob}). Sections: {@link LocalSection} (1a-1d, 2a, 2b), {@link FlowSection}
 * (2c, 2d), {@link StartupSection} (3), {@link CloudSection} (4), {@link MemorySection}
 * (5), {@link OverheadSection} (6), {@link DryRunSection} (7).
 */
public final class Bench {

	static final List<String> ALL = List.of("local", "batch", "flow", "startup", "overhead", "cloud", "memory",
			"dryrun");

	private final Path repo;

	private final Path work;

	private final Mode mode;

	private final List<String> sections;

	private final Launchers launchers;

	private final Table table = new Table();

	private final double loadAtStart = Machine.loadOfLastMinute();

	private final Instant started = Instant.now();

	private Inputs inputs;

	private Expert expert;

	private OurJob ourJob;

	/**
	 * @param repo the repository: run.sh, target/ and, unless {@code work} says otherwise, bench/work
	 * @param work where inputs, runs and results go
	 * @param mode how big the run is
	 * @param sections the sections to run, in the order of {@link #ALL}
	 * @param launchers how our job is started
	 */
	Bench(Path repo, Path work, Mode mode, List<String> sections, Launchers launchers) {
		this.repo = repo;
		this.work = work;
		this.mode = mode;
		this.sections = List.copyOf(sections);
		this.launchers = launchers;
	}

	public static void main(String[] args) throws Exception {
		List<String> list = new ArrayList<>(Arrays.asList(args));
		Mode mode = list.remove("quick") ? Mode.QUICK : Mode.FULL;
		// the 500 MB memory run alone takes a quarter of a minute: quick mode leaves it out unless named
		List<String> sections = !list.isEmpty() ? list
				: mode == Mode.QUICK ? ALL.stream().filter((section) -> !section.equals("memory")).toList() : ALL;
		Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
		new Bench(repo, repo.resolve("bench/work"), mode, sections, new Launchers(repo, true)).run();
	}

	/** Runs the sections and prints (and writes) the table. */
	Table run() throws Exception {
		Files.createDirectories(this.work);
		String machine = Machine.describe(this.work);
		System.out.println(machine);
		System.out.println("mode: " + this.mode.describe() + "; sections: " + String.join(", ", this.sections));
		System.out.println();
		this.inputs = new Inputs(this);
		this.inputs.prepare();
		this.expert = new Expert(this, this.inputs.music);
		this.ourJob = new OurJob(this.work);
		if (has("local") || has("batch")) {
			new LocalSection(this).run();
		}
		if (has("startup")) {
			new StartupSection(this).run();
		}
		if (has("flow")) {
			new FlowSection(this).run();
		}
		if (has("overhead")) {
			new OverheadSection(this).run();
		}
		if (has("cloud")) {
			new CloudSection(this).run();
		}
		if (has("memory")) {
			new MemorySection(this).run();
		}
		if (has("dryrun")) {
			new DryRunSection(this).run();
		}
		print(machine);
		return this.table;
	}

	private void print(String machine) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append(machine).append('\n');
		out.append("load average at the end: ").append(Machine.loadAverage()).append('\n');
		out.append("benchmark took ")
			.append(Numbers.seconds(Duration.between(this.started, Instant.now()).toMillis() / 1000.0))
			.append(this.mode == Mode.FULL ? "" : " (" + this.mode.name().toLowerCase(Locale.ROOT) + " mode)")
			.append("\n\n");
		out.append(this.table.render()).append('\n');
		for (String note : this.table.notes()) {
			out.append("- ").append(note).append('\n');
		}
		List<Table.Row> missed = this.table.missed();
		if (!missed.isEmpty()) {
			out.append("\nWhat limits the missed targets:\n");
			int cores = Runtime.getRuntime().availableProcessors();
			if (Math.max(this.loadAtStart, Machine.loadOfLastMinute()) > cores) {
				out.append(String.format(Locale.ROOT,
						"- the machine was busy (load average %.1f at the start, %.1f at the end, on %d cores): other"
								+ " processes took CPU from every run, ours and the baselines'; measure again on a quiet"
								+ " machine before reading much into the ratios.%n",
						this.loadAtStart, Machine.loadOfLastMinute(), cores));
			}
			for (Table.Row row : missed) {
				out.append("- ").append(row.id()).append(": ").append(this.table.limitOf(row.id())).append('\n');
			}
		}
		System.out.println();
		System.out.println("==================================== RESULTS ====================================");
		System.out.print(out);
		Path result = this.work.resolve("results-"
				+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(this.started)
				+ (this.mode == Mode.FULL ? "" : "-" + this.mode.name().toLowerCase(Locale.ROOT)) + ".txt");
		Files.writeString(result, out.toString());
		System.out.println("\n(also written to " + (result.startsWith(this.repo) ? this.repo.relativize(result) : result)
				+ ")");
	}

	boolean has(String section) {
		return this.sections.contains(section);
	}

	void progress(String text) {
		System.out.println("  " + text);
	}

	/** Writes a manifest of the videos, each with the music and the bench's instruction. */
	Path manifest(String name, List<Path> videos, Path music, String instruction) {
		StringBuilder csv = new StringBuilder("video,instruction,music,output,id\n");
		for (int i = 0; i < videos.size(); i++) {
			String id = String.format("item-%04d", i + 1);
			csv.append(videos.get(i)).append(",\"").append(instruction).append("\",")
				.append(music == null ? "" : music.toString()).append(',').append(id).append(".mp4,").append(id)
				.append('\n');
		}
		Path file = this.work.resolve("manifests").resolve(name + ".csv");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, csv);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return file;
	}

	Path repo() {
		return this.repo;
	}

	Path work() {
		return this.work;
	}

	Mode mode() {
		return this.mode;
	}

	Table table() {
		return this.table;
	}

	Launchers launchers() {
		return this.launchers;
	}

	Inputs inputs() {
		return this.inputs;
	}

	Expert expert() {
		return this.expert;
	}

	OurJob ourJob() {
		return this.ourJob;
	}

}
