import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmarks of issue 7, run by {@code bench/run.sh [quick] [section...]}. Every
 * ratio compares our job with a baseline measured in the same run on the same machine;
 * every timing is a median of several runs unless the table says otherwise. Timings live
 * here and nowhere else: the unit tests assert behaviour, never speed.
 * <p>
 * Our job is run the way run.sh runs it (the extracted jar with its start-up cache: a
 * JDK 25's AOT cache, else Java 17's class-data-sharing archive) in a fresh state folder,
 * so start-up is included; the start-up rows also run the plain {@code java -jar} a
 * crontab line runs.
 */
public final class Bench {

	/** Where the user wants the mix: the default loudness target of the local engine's plan (issue 4). */
	static final double TARGET_LUFS = -14;

	static final double MUSIC_VOLUME = 0.35;

	static final double FADE_OUT_SECONDS = 3;

	static final String INSTRUCTION = "add calm background music and fade it out at the end";

	/**
	 * The true-peak stage the local engine's render ends with (MixGraph.limiter: 4x
	 * oversampled limiter at -1.3 dBTP, the -1 dBTP ceiling less AAC's overshoot), so the
	 * expert's output meets the same spec.
	 */
	static final String TRUE_PEAK_STAGE = "aresample=192000:filter_size=16,"
			+ "alimiter=attack=5:release=50:level=false:latency=true:limit=0.8610,aresample=48000";

	/** The sample-peak limiter the engine ended with before issue 12: the expert without the true-peak stage. */
	static final String SAMPLE_PEAK_LIMITER = "alimiter=limit=0.944:attack=5:release=50:level=false:latency=true";

	final Path repo;

	final Path work;

	final boolean quick;

	final List<String> sections;

	final List<Row> rows = new ArrayList<>();

	final List<String> notes = new ArrayList<>();

	/** Per row, what limits it, printed in the closing note when its target is missed. */
	final Map<String, String> limits = new LinkedHashMap<>();

	final double loadAtStart = loadOfLastMinute();

	final Map<String, Double> measured = new LinkedHashMap<>();

	final ObjectMapper json = new ObjectMapper();

	final Instant started = Instant.now();

	Bench(Path repo, boolean quick, List<String> sections) {
		this.repo = repo;
		this.work = repo.resolve("bench/work");
		this.quick = quick;
		this.sections = sections;
	}

	public static void main(String[] args) throws Exception {
		List<String> list = new ArrayList<>(Arrays.asList(args));
		boolean quick = list.remove("quick");
		// the 500 MB memory run alone takes a quarter of a minute: quick mode leaves it out unless named
		List<String> sections = !list.isEmpty() ? list
				: quick ? List.of("local", "batch", "flow", "startup", "overhead", "cloud")
						: List.of("local", "batch", "flow", "startup", "overhead", "cloud", "memory");
		Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
		new Bench(repo, quick, sections).run();
	}

	void run() throws Exception {
		Files.createDirectories(this.work);
		String machine = machine();
		System.out.println(machine);
		System.out.println("mode: " + (this.quick ? "quick (fewer runs, smaller batches: a first look, not a verdict)"
				: "full") + "; sections: " + String.join(", ", this.sections));
		System.out.println();
		Media media = new Media(this);
		media.prepare();
		if (has("local") || has("batch")) {
			new LocalBench(this, media).run();
		}
		if (has("startup")) {
			new StartupBench(this, media).run();
		}
		if (has("flow")) {
			new LocalBench(this, media).flow();
		}
		if (has("overhead")) {
			new OverheadBench(this, media).run();
		}
		if (has("cloud") || has("memory")) {
			new CloudBench(this, media).run();
		}
		String table = table();
		StringBuilder out = new StringBuilder();
		out.append(machine).append('\n');
		out.append("load average at the end: ").append(loadAverage()).append('\n');
		out.append("benchmark took ").append(seconds(Duration.between(this.started, Instant.now()).toMillis() / 1000.0))
			.append(this.quick ? " (quick mode)" : "").append("\n\n");
		out.append(table).append('\n');
		for (String note : this.notes) {
			out.append("- ").append(note).append('\n');
		}
		List<Row> missed = this.rows.stream().filter((r) -> Boolean.FALSE.equals(r.met())).toList();
		if (!missed.isEmpty()) {
			out.append("\nWhat limits the missed targets:\n");
			int cores = Runtime.getRuntime().availableProcessors();
			if (Math.max(this.loadAtStart, loadOfLastMinute()) > cores) {
				out.append(String.format(Locale.ROOT,
						"- the machine was busy (load average %.1f at the start, %.1f at the end, on %d cores): other"
								+ " processes took CPU from every run, ours and the baselines'; measure again on a quiet"
								+ " machine before reading much into the ratios.%n",
						this.loadAtStart, loadOfLastMinute(), cores));
			}
			for (Row row : missed) {
				out.append("- ").append(row.id()).append(": ")
					.append(this.limits.getOrDefault(row.id(), "no analysis for this row")).append('\n');
			}
		}
		System.out.println();
		System.out.println("==================================== RESULTS ====================================");
		System.out.print(out);
		Path result = this.work.resolve("results-"
				+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(this.started)
				+ (this.quick ? "-quick" : "") + ".txt");
		Files.writeString(result, out.toString());
		System.out.println("\n(also written to " + this.repo.relativize(result) + ")");
	}

	boolean has(String section) {
		return this.sections.contains(section);
	}

	void progress(String text) {
		System.out.println("  " + text);
	}

	// ------------------------------------------------------------------ the machine

	String machine() throws IOException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((l) -> l.startsWith("model name"))
			.map((l) -> l.substring(l.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown CPU");
		String memory = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((l) -> l.startsWith("MemTotal:"))
			.map((l) -> String.format(Locale.ROOT, "%.1f GiB",
					Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("unknown");
		String ffmpeg = Proc.run(List.of("ffmpeg", "-version"), this.work, null).stdout().lines().findFirst().orElse("?");
		return "machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory
				+ " memory, load average " + loadAverage() + "\n" + "ffmpeg:  " + ffmpeg + "\n" + "java:    "
				+ System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
				+ "os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version");
	}

	void limit(String id, String text) {
		this.limits.put(id, text);
	}

	static double loadOfLastMinute() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	// ------------------------------------------------------------------ the table

	/**
	 * One line of the result table.
	 * @param name what is compared
	 * @param ours our measurement, formatted
	 * @param baseline the baseline, formatted
	 * @param ratio ours divided by the baseline, or null
	 * @param target the target in words, or "-" for a row printed for information
	 * @param met whether the target is met; null when there is no target or no measurement
	 */
	record Row(String id, String name, String ours, String baseline, Double ratio, String target, Boolean met) {

	}

	void row(String id, String name, String ours, String baseline, Double ratio, String target, Boolean met) {
		this.rows.add(new Row(id, name, ours, baseline, ratio, target, met));
	}

	void notRun(String id, String name, String why) {
		this.rows.add(new Row(id, name, "not run", "-", null, "-", null));
		this.notes.add(id + ": " + why);
	}

	String table() {
		String[] header = { "#", "what", "ours", "baseline", "ratio", "target", "verdict" };
		List<String[]> lines = new ArrayList<>();
		lines.add(header);
		for (Row row : this.rows) {
			String verdict = row.met() == null ? (row.target().equals("-") ? "info" : "n/a")
					: row.met() ? "MET" : "MISSED";
			lines.add(new String[] { row.id(), row.name(), row.ours(), row.baseline(),
					row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.ratio()), row.target(),
					verdict });
		}
		int[] widths = new int[header.length];
		for (String[] line : lines) {
			for (int i = 0; i < line.length; i++) {
				widths[i] = Math.max(widths[i], line[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (int n = 0; n < lines.size(); n++) {
			String[] line = lines.get(n);
			for (int i = 0; i < line.length; i++) {
				text.append(String.format("%-" + widths[i] + "s", line[i])).append(i + 1 < line.length ? " | " : "");
			}
			text.append('\n');
			if (n == 0) {
				for (int i = 0; i < widths.length; i++) {
					text.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "");
				}
				text.append('\n');
			}
		}
		long missed = this.rows.stream().filter((r) -> Boolean.FALSE.equals(r.met())).count();
		text.append(missed == 0 ? "\nEvery measured target is met.\n"
				: "\n" + missed + " target(s) MISSED: see the notes below for what limits them.\n");
		return text.toString();
	}

	// ------------------------------------------------------------------ helpers

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static String seconds(double value) {
		return String.format(Locale.ROOT, value < 10 ? "%.2f s" : "%.1f s", value);
	}

	static String millis(double seconds) {
		return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
	}

	static String runs(List<Double> values) {
		return values.stream().map((v) -> String.format(Locale.ROOT, "%.2f", v)).reduce((a, b) -> a + " " + b).orElse("");
	}

	static List<Double> repeat(int times, Supplier<Double> measurement) {
		List<Double> values = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			values.add(measurement.get());
		}
		return values;
	}

	static void deleteTree(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> {
				try {
					Files.delete(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

	// ------------------------------------------------------------------ processes

	/** A finished process: how long it took, and what it printed. */
	record Proc(double seconds, int exitCode, String stdout, long startedMillis) {

		/** Runs a command to the end; a non-zero exit is a broken benchmark, so it throws with the output. */
		static Proc run(List<String> command, Path dir, Map<String, String> env) {
			return run(command, dir, env, true);
		}

		static Proc run(List<String> command, Path dir, Map<String, String> env, boolean mustSucceed) {
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
				if (env != null) {
					builder.environment().putAll(env);
				}
				long wall = System.currentTimeMillis();
				long start = System.nanoTime();
				Process process = builder.start();
				process.getOutputStream().close();
				byte[] output = process.getInputStream().readAllBytes();
				int code = process.waitFor();
				double seconds = (System.nanoTime() - start) / 1e9;
				String text = new String(output, StandardCharsets.UTF_8);
				if (mustSucceed && code != 0) {
					throw new IllegalStateException("command failed with exit code " + code + ": "
							+ String.join(" ", command) + "\n" + tail(text));
				}
				return new Proc(seconds, code, text, wall);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		static String tail(String text) {
			return text.length() < 3000 ? text : text.substring(text.length() - 3000);
		}

	}

	// ------------------------------------------------------------------ the inputs

	/** The generated inputs, kept in bench/work between runs because making them takes a while. */
	static final class Media {

		final Bench bench;

		final Path clip;

		final Path music;

		final Path tiny;

		final Path cut;

		final Path small;

		final Path big;

		final Path short30;

		final Path long300;

		final Path long150;

		double clipSeconds;

		Media(Bench bench) {
			this.bench = bench;
			this.clip = bench.work.resolve("media/clip-60s-1080p30.mp4");
			this.music = bench.work.resolve("media/music-60s.mp3");
			this.tiny = bench.work.resolve("media/tiny-1s.mp4");
			this.cut = bench.work.resolve("media/clip-10s-1080p30.mp4");
			this.small = bench.work.resolve("media/clip-10s-640x360.mp4");
			this.big = bench.work.resolve("media/clip-500MB.mp4");
			this.short30 = bench.work.resolve("media/clip-30s-1080p30.mp4");
			this.long300 = bench.work.resolve("media/clip-300s-1080p30.mp4");
			this.long150 = bench.work.resolve("media/clip-150s-1080p30.mp4");
		}

		void prepare() throws IOException {
			Files.createDirectories(this.clip.getParent());
			make(this.clip, "a 60 s 1080p30 H.264 clip with AAC audio (once; about 25 s)",
					List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=60", "-f", "lavfi", "-i",
							"sine=frequency=300:sample_rate=48000:duration=60,volume=0.3", "-c:v", "libx264",
							"-preset", "ultrafast", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
							"-shortest", "-f", "mp4"));
			make(this.music, "a 60 s music file",
					List.of("-f", "lavfi", "-i",
							"aevalsrc='0.2*sin(2*PI*220*t)*(1+0.5*sin(2*PI*2*t))|0.2*sin(2*PI*330*t)*(1+0.5*sin(2*PI*3*t))':s=44100:d=60",
							"-c:a", "libmp3lame", "-b:a", "192k", "-f", "mp3"));
			make(this.tiny, "a tiny clip for the overhead run",
					List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-f", "lavfi", "-i",
							"sine=duration=1", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
							"-f", "mp4"));
			make(this.cut, "a 10 s cut of the clip (quick mode's tutorial run)",
					List.of("-i", this.clip.toString(), "-t", "10", "-c", "copy", "-f", "mp4"));
			if (this.bench.has("flow")) {
				// the mixed batch: 30 s cuts and a long recording, all stream-copied from the clip
				make(this.short30, "a 30 s cut of the clip (mixed batch)",
						List.of("-i", this.clip.toString(), "-t", "30", "-c", "copy", "-f", "mp4"));
				Path longClip = this.bench.quick ? this.long150 : this.long300;
				int seconds = this.bench.quick ? 150 : 300;
				make(longClip, "a " + seconds + " s recording (the clip looped, mixed batch)",
						List.of("-stream_loop", "-1", "-i", this.clip.toString(), "-t", Integer.toString(seconds), "-c",
								"copy", "-f", "mp4"));
			}
			if (this.bench.has("cloud")) {
				make(this.small, "a 10 s 640x360 clip for the cloud runs",
						List.of("-i", this.clip.toString(), "-t", "10", "-vf", "scale=640:360", "-c:v", "libx264",
								"-preset", "veryfast", "-c:a", "copy", "-f", "mp4"));
			}
			if (this.bench.has("memory")) {
				// the clip looped and cut at 500 MB (decimal: NemoVideo's limit is 500 MiB), stream-copied
				make(this.big, "a 500 MB clip for the memory run",
						List.of("-stream_loop", "9", "-i", this.clip.toString(), "-c", "copy", "-fs", "500000000",
								"-f", "mp4"));
			}
			this.clipSeconds = duration(this.clip);
		}

		private void make(Path file, String what, List<String> args) throws IOException {
			if (Files.isRegularFile(file) && Files.size(file) > 0) {
				return;
			}
			this.bench.progress("making " + what + "...");
			Path part = file.resolveSibling(file.getFileName() + ".part");
			List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
			command.addAll(args);
			command.add(part.toString());
			Proc.run(command, this.bench.work, null);
			Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
		}

		double duration(Path file) {
			return Double.parseDouble(Proc
				.run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
						file.toString()), this.bench.work, null)
				.stdout()
				.strip());
		}

		/** n hard links to the clip (copies where links are not possible): separate inputs, same bytes. */
		List<Path> copies(int n) throws IOException {
			return copies(this.clip, "clip", n);
		}

		/** n hard links to a source (copies where links are not possible), named name-NN.mp4. */
		List<Path> copies(Path source, String name, int n) throws IOException {
			Path folder = Files.createDirectories(this.bench.work.resolve("media/batch"));
			List<Path> clips = new ArrayList<>();
			for (int i = 1; i <= n; i++) {
				Path copy = folder.resolve(String.format("%s-%02d.mp4", name, i));
				if (!Files.exists(copy)) {
					try {
						Files.createLink(copy, source);
					}
					catch (IOException | UnsupportedOperationException ex) {
						Files.copy(source, copy);
					}
				}
				clips.add(copy);
			}
			return clips;
		}

	}

	// ------------------------------------------------------------------ our job

	/** What one run of our job showed. */
	record JobRun(double wall, Double toFirstItem, Double toFirstOutput, Double jobSpan, Double afterJob,
			List<Double> itemSeconds, Map<String, Double> stepSeconds) {

	}

	/** The log line of an item's last stage done: its output is delivered (local, cloud and no-op engine words). */
	static final Pattern DELIVERED = Pattern.compile(": (delivering|downloading|copying) done in \\d");

	static final Pattern STEP_DONE = Pattern.compile("Step: \\[([a-z-]+)] executed in (\\S+)");

	/** The job log's "--- [thread] [item] " part: the item is "-" outside an item's work (MDC "item"). */
	static final Pattern LOGGED_ITEM = Pattern.compile(" --- \\[[^]]*] \\[([^]]+)] ");

	/** Whether a log line is about an item: the first such line is the first item under way. */
	static boolean aboutAnItem(String line) {
		Matcher item = LOGGED_ITEM.matcher(line);
		return item.find() && !item.group(1).equals("-");
	}

	/**
	 * Runs our job on a manifest in a fresh state folder and reads back when things
	 * happened: the log's timestamps give the start-up (JVM launch to the first item's
	 * stage under way) and the time after the job, report.json the per-item stage seconds.
	 */
	JobRun runJob(String name, List<String> launcher, Path manifest, List<String> settings) {
		Path dir = this.work.resolve("runs").resolve(name);
		deleteTree(dir);
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>(launcher);
		command.add("manifest=" + manifest);
		command.add("output=" + dir.resolve("out"));
		command.add("state-dir=" + dir.resolve("state"));
		command.addAll(settings);
		Proc proc = Proc.run(command, dir, null);
		JobRun run = readRun(proc, dir);
		deleteTree(dir);
		return run;
	}

	JobRun readRun(Proc proc, Path dir) {
		Instant launched = Instant.ofEpochMilli(proc.startedMillis());
		Instant end = launched.plusMillis((long) (proc.seconds() * 1000));
		Instant firstItem = null;
		Instant firstOutput = null;
		Instant jobStart = null;
		Instant jobEnd = null;
		Map<String, Double> steps = new LinkedHashMap<>();
		Path log = dir.resolve("state/logs/bgm-batch.log");
		try {
			for (String line : Files.readAllLines(log)) {
				Optional<Instant> at = timestamp(line);
				if (at.isEmpty()) {
					continue;
				}
				if (jobStart == null && line.contains("] launched with")) {
					jobStart = at.get();
				}
				if (firstItem == null && aboutAnItem(line)) {
					firstItem = at.get();
				}
				if (firstOutput == null && DELIVERED.matcher(line).find()) {
					firstOutput = at.get();
				}
				if (line.contains("] completed with")) {
					jobEnd = at.get();
				}
				Matcher step = STEP_DONE.matcher(line);
				if (step.find() && !step.group(1).contains("-lane")) {
					steps.put(step.group(1), stepDuration(step.group(2)));
				}
			}
		}
		catch (IOException ex) {
			this.notes.add("could not read the job log " + log + ": " + ex.getMessage());
		}
		List<Double> items = new ArrayList<>();
		try {
			JsonNode report = this.json.readTree(dir.resolve("out/report.json").toFile());
			for (JsonNode item : report.path("items")) {
				if (!"delivered".equals(item.path("result").asText())) {
					throw new IllegalStateException("item " + item.path("id").asText() + " was not delivered: "
							+ item.path("reason").asText());
				}
				double sum = 0;
				for (JsonNode stage : item.path("seconds")) {
					sum += stage.asDouble();
				}
				items.add(sum);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no report.json after the job: " + ex.getMessage(), ex);
		}
		return new JobRun(proc.seconds(), between(launched, firstItem), between(launched, firstOutput),
				between(jobStart, jobEnd), between(jobEnd, end), items, steps);
	}

	private static Double between(Instant from, Instant to) {
		return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
	}

	private static Optional<Instant> timestamp(String line) {
		int space = line.indexOf(' ');
		if (space < 20) {
			return Optional.empty();
		}
		try {
			return Optional.of(java.time.OffsetDateTime.parse(line.substring(0, space)).toInstant());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Spring Batch writes durations like "1m3s10ms", "2s680ms" or "33ms". */
	static double stepDuration(String text) {
		Matcher part = Pattern.compile("(\\d+)(ms|m|s)").matcher(text);
		double seconds = 0;
		while (part.find()) {
			double value = Double.parseDouble(part.group(1));
			seconds += switch (part.group(2)) {
				case "ms" -> value / 1000;
				case "s" -> value;
				default -> value * 60;
			};
		}
		return seconds;
	}

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
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/**
	 * The java command run.sh ends with (with a JDK 25 its AOT cache, else the Java 17
	 * class-data-sharing archive), as {@code run.sh --print-command} prints it. Taken once:
	 * calling run.sh per run could rebuild the jar in the middle of a measurement if a
	 * source file changed meanwhile.
	 */
	List<String> runSh() {
		if (this.runSh == null) {
			this.runSh = runShCommand(null);
		}
		return this.runSh;
	}

	private List<String> runSh;

	/** run.sh's command with the given Java ({@code JAVA=...}), or its own choice when null. */
	List<String> runShCommand(String java) {
		ProcessBuilder builder = new ProcessBuilder(this.repo.resolve("run.sh").toString(), "--print-command")
			.directory(this.repo.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		if (java != null) {
			builder.environment().put("JAVA", java);
		}
		List<String> command;
		try {
			Process process = builder.start();
			command = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank())
				.toList();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("run.sh --print-command failed: " + command);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		int jar = command.indexOf("-jar");
		if (jar < 1 || !command.get(jar + 1).endsWith("target/app/batch.jar") || command.stream()
			.noneMatch((word) -> word.startsWith("-XX:AOTCache=") || word.startsWith("-XX:SharedArchiveFile="))) {
			throw new IllegalStateException("run.sh printed no command with its start-up cache: " + command);
		}
		return command;
	}

	/** The JIT setting run.sh starts the job with (see there why). */
	static final String RUN_SH_JIT = "-XX:TieredStopAtLevel=1";

	/** The command a crontab line runs: the Java on the PATH, no options. */
	List<String> plainJar() {
		return plainJar(javaOnPath());
	}

	List<String> plainJar(String java, String... options) {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(List.of(options));
		command.addAll(List.of("-jar", this.repo.resolve("target/batch.jar").toString()));
		return command;
	}

	static String javaOnPath() {
		for (String folder : System.getenv("PATH").split(java.io.File.pathSeparator)) {
			Path java = Path.of(folder, "java");
			if (Files.isExecutable(java)) {
				return java.toString();
			}
		}
		throw new IllegalStateException("no java on the PATH");
	}

	/** A Java's version from its release file ("17.0.15"), without starting it. */
	static String javaVersion(String java) {
		try {
			Path home = Path.of(java).toRealPath().getParent().getParent();
			return Files.readAllLines(home.resolve("release"))
				.stream()
				.filter((line) -> line.startsWith("JAVA_VERSION="))
				.map((line) -> line.substring(line.indexOf('=') + 1).replace("\"", ""))
				.findFirst()
				.orElse("?");
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static int major(String version) {
		try {
			return Integer.parseInt(version.split("\\.")[0]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	// ------------------------------------------------------------------ sections 1-2: local

	static final class LocalBench {

		final Bench b;

		final Media media;

		LocalBench(Bench bench, Media media) {
			this.b = bench;
			this.media = media;
		}

		void run() throws IOException {
			int runsA = this.b.quick ? 2 : 5;
			int runsC = this.b.quick ? 3 : 5;
			Path one = this.b.manifest("one-clip", List.of(this.media.clip), this.media.music, INSTRUCTION);

			System.out.println("[1] one clip: our job (as run.sh runs it, start-up included) x" + runsA);
			List<JobRun> ours = new ArrayList<>();
			for (int i = 0; i < runsA; i++) {
				ours.add(this.b.runJob("a-" + i, this.b.runSh(), one, List.of()));
				this.b.progress(String.format(Locale.ROOT, "run %d: %s (start-up %s)", i + 1, seconds(ours.get(i).wall()),
						ours.get(i).toFirstItem() == null ? "?" : seconds(ours.get(i).toFirstItem())));
			}
			double a = median(ours.stream().map(JobRun::wall).toList());

			System.out.println("[1] one clip: expert's hand pipeline (plain ffmpeg, same plan) x" + runsC);
			List<Double> expert = repeat(runsC, () -> expert(this.media.clip, this.b.work.resolve("expert-out.mp4")));
			this.b.progress("runs: " + runs(expert) + " s");
			double c = median(expert);
			this.b.measured.put("c", c);
			if (this.b.has("local")) {
				System.out.println("[1] one clip: the expert's pipeline with a sample-peak limiter instead x" + runsC);
				List<Double> samplePeak = repeat(runsC, () -> expert(this.media.clip,
						this.b.work.resolve("expert-out.mp4"), SAMPLE_PEAK_LIMITER));
				this.b.progress("runs: " + runs(samplePeak) + " s");
				double withoutStage = median(samplePeak);
				this.b.row("1d", "the true-peak stage alone: expert with it - expert with a sample-peak limiter",
						seconds(c - withoutStage), seconds(withoutStage), (c - withoutStage) / withoutStage, "-", null);
				this.b.notes.add("1d: the true-peak stage (4x upsampling, limiter, back to 48 kHz) costs the"
						+ " difference; the ratio is that cost / the whole expert pipeline without it. Runs with it: "
						+ runs(expert) + " s; without: " + runs(samplePeak) + " s.");
			}

			Double tutorial = null;
			String tutorialNote;
			if (this.b.has("local")) {
				if (this.b.quick) {
					System.out.println("[1] one clip: tutorial command re-encoding the video, once on a 10 s cut");
					double cut = tutorial(this.media.cut);
					double scale = this.media.clipSeconds / this.media.duration(this.media.cut);
					tutorial = cut * scale;
					tutorialNote = "quick mode: the tutorial command ran once on a 10 s cut, scaled x"
							+ String.format(Locale.ROOT, "%.1f", scale) + " (libx264 time grows with the frames)";
				}
				else {
					int runsB = 2;
					System.out.println("[1] one clip: tutorial command re-encoding the video x" + runsB + " (~50 s each)");
					List<Double> values = repeat(runsB, () -> tutorial(this.media.clip));
					this.b.progress("runs: " + runs(values) + " s");
					tutorial = median(values);
					tutorialNote = "the tutorial command ran " + runsB + " times (median = mean of two)";
				}
				this.b.row("1a", "one 60 s clip: our job (JVM included) / tutorial re-encode", seconds(a),
						seconds(tutorial), a / tutorial, "<= 0.10", a / tutorial <= 0.10);
				this.b.row("1b", "one 60 s clip: our job (JVM included) / expert pipeline", seconds(a), seconds(c),
						a / c, "-", null);
				List<Double> starts = ours.stream().map(JobRun::toFirstItem).filter((v) -> v != null).toList();
				this.b.limit("1a", "a one-clip run is mostly fixed cost: start-up to the first item took "
						+ (starts.isEmpty() ? "?" : seconds(median(starts))) + " of " + seconds(a)
						+ "; the mix itself copies the video and encodes only the audio.");
				this.b.notes.add("1a: " + tutorialNote + "; our job median of " + runsA + " runs: " + runs(
						ours.stream().map(JobRun::wall).toList()) + " s.");
			}

			batch(a, c, ours);
		}

		void batch(double a, double c, List<JobRun> one) throws IOException {
			int n = this.b.quick ? 4 : 16;
			List<Path> clips = this.media.copies(n);
			Path manifest = this.b.manifest("batch-" + n, clips, this.media.music, INSTRUCTION);

			System.out.println("[2] batch of " + n + " clips: our job at concurrency 1");
			JobRun serial = this.b.runJob("batch-c1", this.b.runSh(), manifest, List.of("concurrency=1"));
			this.b.progress(seconds(serial.wall()) + " " + steps(serial));
			System.out.println("[2] batch of " + n + " clips: our job at concurrency 2");
			JobRun parallel = this.b.runJob("batch-c2", this.b.runSh(), manifest, List.of("concurrency=2"));
			this.b.progress(seconds(parallel.wall()) + " " + steps(parallel));
			System.out.println("[2] batch of " + n + " clips: the expert pipeline " + n + " times in a row");
			Path out = this.b.work.resolve("expert-out.mp4");
			double expertRow = 0;
			for (Path clip : clips) {
				expertRow += expert(clip, out);
			}
			this.b.progress(seconds(expertRow));

			// the marginal cost of an item: the batch minus the one-clip run, which both pay start-up once
			double a1 = median(one.stream().map(JobRun::wall).toList());
			double perItem = (serial.wall() - a1) / (n - 1);
			double ledgerPerItem = median(serial.itemSeconds());
			this.b.row("1c", "per item inside a batch (no JVM) / expert pipeline", seconds(perItem), seconds(c),
					perItem / c, "<= 1.15", perItem / c <= 1.15);
			this.b.notes.add(String.format(Locale.ROOT,
					"1c: per item = (batch of %d at concurrency 1 - one-clip run) / %d = (%s - %s) / %d; the ledger's"
							+ " stage seconds say %s per item (engine and delivery only, without the job's own commits).",
					n, n - 1, seconds(serial.wall()), seconds(a1), n - 1, seconds(ledgerPerItem)));
			this.b.limit("1c", "per item the ledger's stage seconds say " + seconds(ledgerPerItem) + " (engine and output"
					+ " check) against the expert's " + seconds(c) + "; the batch at concurrency 1 spent "
					+ steps(serial) + " in its steps. Besides the mix, our engine probes the input and the music and"
					+ " the delivery probes the output (each ffprobe a process start), and every stage of every item"
					+ " is its own committed chunk.");
			double parallelSteps = parallel.stepSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
			this.b.limit("2a", String.format(Locale.ROOT, "the job at concurrency 2 took %s: start-up to the first item"
					+ " %s, steps %s %s, the rest (reports with their pictures, shutdown) %s. Two ffmpeg processes"
					+ " plus the JVM share two cores.", seconds(parallel.wall()),
					parallel.toFirstItem() == null ? "?" : seconds(parallel.toFirstItem()), seconds(parallelSteps),
					steps(parallel), seconds(parallel.wall() - parallelSteps
							- (parallel.toFirstItem() == null ? 0 : parallel.toFirstItem()))));
			this.b.row("2a", n + " clips at concurrency 2 (JVM included) / expert x" + n + " in a row",
					seconds(parallel.wall()), seconds(expertRow), parallel.wall() / expertRow, "<= 0.75",
					parallel.wall() / expertRow <= 0.75);
			this.b.row("2b", n + " clips at concurrency 1 (JVM included) / expert x" + n + " in a row",
					seconds(serial.wall()), seconds(expertRow), serial.wall() / expertRow, "-", null);
			if (this.b.quick) {
				this.b.notes.add("2a/2b: quick mode runs a batch of " + n + " clips, not 16; each batch ran once.");
			}
			else {
				this.b.notes.add("2a/2b: each batch ran once (a batch is already " + n + " items).");
			}
		}

		/** The rows of the item flow: a mixed batch against a worker pool, and how early the first output comes. */
		void flow() throws IOException {
			mixed();
			firstOutput();
		}

		/**
		 * One long recording among short clips at concurrency 2 against the expert pipeline run
		 * by a pool of two workers that each take the next clip when free (what xargs -P2
		 * does): a job that shares the work out in advance, or waits at stage boundaries,
		 * leaves a worker idle while the long one runs.
		 */
		void mixed() throws IOException {
			int shorts = this.b.quick ? 5 : 11;
			Path longClip = this.b.quick ? this.media.long150 : this.media.long300;
			List<Path> clips = new ArrayList<>();
			clips.add(longClip);
			clips.addAll(this.media.copies(this.media.short30, "short", shorts));
			String what = "one " + seconds(this.media.duration(longClip)) + " + " + shorts + " x 30 s 1080p clips";
			Path manifest = this.b.manifest("mixed-" + shorts, clips, this.media.music, INSTRUCTION);
			System.out.println("[2] mixed batch (" + what + "): our job at concurrency 2");
			JobRun ours = this.b.runJob("mixed", this.b.runSh(), manifest, List.of("concurrency=2"));
			this.b.progress(seconds(ours.wall()) + " " + steps(ours));
			System.out.println("[2] mixed batch: the expert pipeline by a pool of 2 workers taking the next clip");
			double pool = expertPool(clips, 2);
			this.b.progress(seconds(pool));
			double ratio = ours.wall() / pool;
			this.b.row("2c", "mixed batch (" + what + ") at concurrency 2 (JVM included) / expert by a 2-worker pool",
					seconds(ours.wall()), seconds(pool), ratio, "<= 1.05", ratio <= 1.05);
			// how well our workers shared the work, whatever each item cost: the work step against the best
			// two workers could do with the item times the ledger recorded (the longest item, or half the sum)
			double sum = ours.itemSeconds().stream().mapToDouble(Double::doubleValue).sum();
			double longest = ours.itemSeconds().stream().mapToDouble(Double::doubleValue).max().orElse(0);
			double work = ours.stepSeconds().getOrDefault("work", 0.0);
			double best = Math.max(longest, sum / 2);
			this.b.notes.add(String.format(Locale.ROOT, "2c: the long clip is the first row of the manifest; the pool"
					+ " takes the clips in the same order, each of its 2 workers the next one when it is free (xargs"
					+ " -P2). Each ran once. Our work step took %s where two workers could at best take %s with the"
					+ " item times the ledger recorded (longest item %s, sum %s): %.3f of the best split.",
					seconds(work), seconds(best), seconds(longest), seconds(sum), work / best));
			this.b.limit("2c", String.format(Locale.ROOT, "our run includes the JVM's start-up (%s to the first item)"
					+ " and the reports at the end (%s after the work step); the pool starts at once. The split of the"
					+ " work is %.3f of the best possible (see the note), so the rest is per item: our items took %s"
					+ " in all by the ledger against the pool's %s of wall time for two workers.",
					ours.toFirstItem() == null ? "?" : seconds(ours.toFirstItem()),
					seconds(ours.wall() - work - (ours.toFirstItem() == null ? 0 : ours.toFirstItem())), work / best,
					seconds(sum), seconds(pool)));
		}

		/** Equal clips at concurrency 2: the first output must not wait for the end of the run. */
		void firstOutput() throws IOException {
			int n = this.b.quick ? 6 : 10;
			Path manifest = this.b.manifest("first-output-" + n, this.media.copies(n), this.media.music, INSTRUCTION);
			System.out.println("[2] first output: " + n + " x 60 s clips at concurrency 2");
			JobRun run = this.b.runJob("first-output", this.b.runSh(), manifest, List.of("concurrency=2"));
			this.b.progress(seconds(run.wall()) + ", first output at "
					+ (run.toFirstOutput() == null ? "?" : seconds(run.toFirstOutput())));
			if (run.toFirstOutput() == null) {
				this.b.notRun("2d", "first delivered output / run time", "the job log had no delivery to read");
				return;
			}
			double share = run.toFirstOutput() / run.wall();
			this.b.row("2d", n + " x 60 s clips at concurrency 2: first delivered output / run time (JVM included)",
					seconds(run.toFirstOutput()), seconds(run.wall()) + " run", share, "<= 0.30", share <= 0.30);
			this.b.notes.add("2d: from the JVM's launch to the log line of the first delivery (the output renamed"
					+ " into place and committed), against the whole run, JVM start-up included.");
			this.b.limit("2d", "the first output waits for start-up ("
					+ (run.toFirstItem() == null ? "?" : seconds(run.toFirstItem()))
					+ " to the first item) plus one item's stages; with few items, that is a large share of the run.");
		}

		/** The expert pipeline over the clips by a pool of workers, each taking the next clip when free. */
		double expertPool(List<Path> clips, int workers) {
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
			long start = System.nanoTime();
			try {
				List<java.util.concurrent.Future<Double>> runs = new ArrayList<>();
				for (int i = 0; i < clips.size(); i++) {
					Path clip = clips.get(i);
					Path out = this.b.work.resolve("pool-out-" + i + ".mp4");
					runs.add(pool.submit(() -> expert(clip, out)));
				}
				for (java.util.concurrent.Future<Double> run : runs) {
					run.get();
				}
				return (System.nanoTime() - start) / 1e9;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new IllegalStateException("the expert pipeline failed: " + ex.getCause().getMessage(), ex);
			}
			finally {
				pool.shutdown();
				for (int i = 0; i < clips.size(); i++) {
					try {
						Files.deleteIfExists(this.b.work.resolve("pool-out-" + i + ".mp4"));
					}
					catch (IOException ex) {
						// a leftover output is overwritten next time
					}
				}
			}
		}

		static String steps(JobRun run) {
			StringBuilder text = new StringBuilder("(");
			run.stepSeconds().forEach((step, value) -> text.append(text.length() > 1 ? " " : "")
				.append(step)
				.append('=')
				.append(String.format(Locale.ROOT, "%.2f", value)));
			return text.append(")").toString();
		}

		/**
		 * What a person who knows ffmpeg writes for our default plan. The plan sets the music
		 * relative to the original's loudness (35% of it) and the mix to -14 LUFS, so by hand:
		 * probe the duration (for the fade); measure the original and the faded music in one
		 * audio-only pass; set the music's gain from those; measure the mix in a second
		 * audio-only pass; then mix again with one final gain (and the same peak limiter our
		 * plan ends with), stream-copying the video and encoding AAC as we do. (Our engine
		 * predicts the mix's loudness from the first pass's block measurements instead of
		 * measuring it again: that saved pass is ours to win.)
		 */
		double expert(Path clip, Path out) {
			return expert(clip, out, TRUE_PEAK_STAGE);
		}

		double expert(Path clip, Path out, String limiter) {
			long start = System.nanoTime();
			double d = this.media.duration(clip);
			String original = "[0:a:0]aformat=sample_rates=48000:channel_layouts=stereo,apad,atrim=0:" + number(d);
			String music = "[1:a:0]aformat=sample_rates=48000:channel_layouts=stereo,atrim=0:" + number(d)
					+ ",asetpts=N/SR/TB,afade=t=out:st=" + number(d - FADE_OUT_SECONDS) + ":d=" + number(FADE_OUT_SECONDS);
			List<Double> levels = loudness(clip, original + ",ebur128[o];" + music + ",ebur128[m]", "[o]", "[m]");
			double musicGain = 20 * Math.log10(MUSIC_VOLUME) + levels.get(0) - levels.get(1);
			String graph = original + "[original];" + music + ",volume=" + String.format(Locale.ROOT, "%.2f", musicGain)
					+ "dB[music];[original][music]amix=inputs=2:duration=first:normalize=0";
			double gain = TARGET_LUFS - loudness(clip, graph + ",ebur128[mixed]", "[mixed]").get(0);
			Proc.run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", clip.toString(), "-stream_loop", "-1",
					"-i", this.media.music.toString(), "-filter_complex",
					graph + ",volume=" + String.format(Locale.ROOT, "%.2f", gain) + "dB," + limiter + "[mixed]", "-map",
					"0:v:0", "-map", "[mixed]", "-c:v", "copy", "-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar",
					"48000", "-ac", "2", out.toString()), this.b.work, null);
			return (System.nanoTime() - start) / 1e9;
		}

		/** Integrated loudness of each ebur128 in the graph, in the order they appear in it (audio only). */
		private List<Double> loudness(Path clip, String graph, String... outputs) {
			List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "info", "-vn", "-i",
					clip.toString(), "-stream_loop", "-1", "-i", this.media.music.toString(), "-filter_complex", graph));
			for (String output : outputs) {
				command.addAll(List.of("-map", output));
			}
			command.addAll(List.of("-f", "null", "-"));
			Proc measure = Proc.run(command, this.b.work, null);
			// each ebur128 prints "[Parsed_ebur128_N @ ...] Summary:" then "I: x LUFS"; N follows the graph's order
			Matcher summary = Pattern.compile("Parsed_ebur128_(\\d+) @ [^\\]]+\\] Summary:\\s+Integrated loudness:\\s+I:\\s+(\\S+) LUFS")
				.matcher(measure.stdout());
			java.util.TreeMap<Integer, Double> byIndex = new java.util.TreeMap<>();
			while (summary.find()) {
				byIndex.put(Integer.parseInt(summary.group(1)),
						Math.max(-70.0, bgmbatch.media.FfmpegNumbers.level(summary.group(2))));
			}
			if (byIndex.size() != outputs.length) {
				throw new IllegalStateException("ebur128 printed " + byIndex.size() + " summaries, expected "
						+ outputs.length + ":\n" + Proc.tail(measure.stdout()));
			}
			return new ArrayList<>(byIndex.values());
		}

		/** The command most tutorials give: mix the music in and let ffmpeg re-encode everything. */
		double tutorial(Path clip) {
			Path out = this.b.work.resolve("tutorial-out.mp4");
			return Proc.run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", clip.toString(), "-i",
					this.media.music.toString(), "-filter_complex",
					"[1:a]volume=" + number(MUSIC_VOLUME) + "[bg];[0:a][bg]amix=inputs=2:duration=first[a]", "-map",
					"0:v", "-map", "[a]", "-c:v", "libx264", "-c:a", "aac", "-b:a", "192k", out.toString()),
					this.b.work, null).seconds();
		}

	}

	// ------------------------------------------------------------------ section 3: start-up

	/**
	 * Start-up: from launching java to the first item under way (the first line of the job
	 * log about an item), on a one-item manifest of the 1 s clip in a fresh state folder.
	 * The commands take turns, so a change in the machine's load touches them all alike.
	 */
	record StartupBench(Bench b, Media media) {

		record Launch(String id, String what, List<String> command, int runs, List<JobRun> results) {

			List<Double> starts() {
				return this.results.stream().map(JobRun::toFirstItem).filter((v) -> v != null).toList();
			}

		}

		void run() {
			int runs = this.b.quick ? 2 : 5;
			int infoRuns = this.b.quick ? 1 : 3;
			Path manifest = this.b.manifest("startup", List.of(this.media.tiny), this.media.music, INSTRUCTION);
			String pathJava = javaOnPath();
			String pathVersion = javaVersion(pathJava);
			List<String> runSh = this.b.runSh();
			String runShVersion = javaVersion(runSh.get(0));
			boolean twoJavas = !Path.of(runSh.get(0)).equals(Path.of(pathJava)) && major(runShVersion) != major(pathVersion);
			String cache = runSh.stream().anyMatch((word) -> word.startsWith("-XX:AOTCache=")) ? "AOT cache"
					: "CDS archive";

			List<Launch> launches = new ArrayList<>();
			Launch plain = new Launch("3a", "plain java -jar (Java " + pathVersion + ", Spring AOT)",
					this.b.plainJar(pathJava), runs, new ArrayList<>());
			Launch script = new Launch("3b", "run.sh's command (Java " + runShVersion + ", " + cache + ", C1)", runSh,
					runs, new ArrayList<>());
			Launch ordinary = new Launch("3c", "plain java -jar without Spring AOT (Java " + pathVersion + ")",
					this.b.plainJar(pathJava, "-Dspring.aot.enabled=false"), infoRuns, new ArrayList<>());
			launches.addAll(List.of(plain, script, ordinary));
			if (twoJavas) {
				List<String> fallback = this.b.runShCommand(pathJava);
				launches.add(new Launch("3d", "run.sh's command with JAVA=" + pathVersion + " (CDS archive, C1)",
						fallback, infoRuns, new ArrayList<>()));
				launches.add(new Launch("3e", "plain java -jar on Java " + runShVersion,
						this.b.plainJar(runSh.get(0)), infoRuns, new ArrayList<>()));
			}
			System.out.println("[3] start-up: " + launches.size() + " commands taking turns, " + runs + " runs of the"
					+ " first two, " + infoRuns + " of the others");
			for (int i = 0; i < runs; i++) {
				for (Launch launch : launches) {
					if (i < launch.runs()) {
						JobRun run = this.b.runJob("start-" + launch.id() + "-" + i, launch.command(), manifest,
								List.of());
						launch.results().add(run);
						this.b.progress(String.format(Locale.ROOT, "%s run %d: first item after %s", launch.id(), i + 1,
								run.toFirstItem() == null ? "?" : seconds(run.toFirstItem())));
					}
				}
			}
			if (plain.starts().isEmpty() || script.starts().isEmpty()) {
				this.b.notRun("3a", "start-up to the first item", "the job log had no line about an item to read");
				return;
			}
			double plainStart = median(plain.starts());
			double scriptStart = median(script.starts());
			Double ordinaryStart = ordinary.starts().isEmpty() ? null : median(ordinary.starts());
			this.b.row("3a", "start-up to first item: " + plain.what(), seconds(plainStart),
					ordinaryStart == null ? "-" : seconds(ordinaryStart) + " (3c)",
					ordinaryStart == null ? null : plainStart / ordinaryStart, "<= 2 s", plainStart <= 2.0);
			this.b.row("3b", "start-up to first item: " + script.what(), seconds(scriptStart),
					seconds(plainStart) + " (3a)", scriptStart / plainStart, "<= 1 s", scriptStart <= 1.0);
			for (Launch launch : launches.subList(2, launches.size())) {
				if (!launch.starts().isEmpty()) {
					this.b.row(launch.id(), "start-up to first item: " + launch.what(), seconds(median(launch.starts())),
							"-", null, "-", null);
				}
			}
			StringBuilder note = new StringBuilder("3a-3" + (char) ('a' + launches.size() - 1)
					+ ": JVM launch to the first log line about an item, one-item manifest of the 1 s clip, fresh"
					+ " state folder; runs (s):");
			for (Launch launch : launches) {
				note.append(' ').append(launch.id()).append(" [").append(runs(launch.starts())).append(']');
			}
			List<Double> after = script.results().stream().map(JobRun::afterJob).filter((v) -> v != null).toList();
			note.append(". From the job's end to the process exit (run.sh's command): ")
				.append(after.isEmpty() ? "?" : seconds(median(after))).append('.');
			this.b.notes.add(note.toString());
			String what = "start-up is the JVM, the Spring context (Batch, the HSQLDB job database and its schema,"
					+ " the connection pool, logging), the manifest check and the prepare step.";
			this.b.limit("3a", what + " Spring AOT (3a against 3c) takes away finding the bean definitions; what is"
					+ " left is mostly reading, verifying and linking some 7 000 classes from the nested jar with no"
					+ " class-data archive (only a command-line option can give the JVM one) and running Spring's"
					+ " and Logback's set-up in the interpreter.");
			this.b.limit("3b", what + " The JVM's cache takes away loading and linking the classes; what is left"
					+ " is running the set-up code itself, about 0.8 s of it on a quiet 2-core machine.");
		}

	}

	// ------------------------------------------------------------------ section 6: overhead

	static final class OverheadBench {

		final Bench b;

		final Media media;

		OverheadBench(Bench bench, Media media) {
			this.b = bench;
			this.media = media;
		}

		void run() {
			int n = this.b.quick ? 100 : 1000;
			System.out.println("[6] overhead: " + n + " tiny items through the whole job with a no-op engine, concurrency 1");
			Path manifest = this.b.manifest("noop-" + n,
					java.util.Collections.nCopies(n, this.media.tiny), null, "noop");
			List<String> launcher = List.of("java", RUN_SH_JIT, "-cp", System.getProperty("bench.noop.classpath"),
					"bgmbatch.BgmBatchApplication");
			JobRun run = this.b.runJob("noop", launcher, manifest, List.of("engine=noop", "concurrency=1",
					"--spring.main.sources=bgmbench.NoopEngineConfiguration",
					"--bench.noop.template=" + this.media.tiny));
			this.b.progress(seconds(run.wall()) + " " + LocalBench.steps(run));
			System.out.println("[6] overhead: the output check's ffprobe alone, x30");
			List<Double> probes = repeat(30, () -> Proc.run(List.of("ffprobe", "-v", "error", "-print_format", "json",
					"-show_format", "-show_streams", this.media.tiny.toString()), this.b.work, null).seconds());
			double probe = median(probes);
			double steps = run.stepSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
			double report = run.jobSpan() - steps;
			double perItem = steps / n;
			double prepare = run.stepSeconds().getOrDefault("prepare", 0.0);
			double work = run.stepSeconds().getOrDefault("work", 0.0);
			// what the stages themselves took, engine and delivery (the output check's ffprobe), as the ledger
			// timed each one: the rest of the work step is the job's own (claims, reads, commits, listeners)
			double staged = run.itemSeconds().stream().mapToDouble(Double::doubleValue).sum();
			double perItemOwn = (work - staged) / n;
			double bookkeeping = prepare / n + perItemOwn;
			this.b.row("6a", "per-item bookkeeping (ledger, Batch metadata), no-op engine", millis(bookkeeping),
					"-", null, "<= 5 ms", bookkeeping <= 0.005);
			this.b.row("6b", "per item through all steps incl. the output check", millis(perItem),
					millis(probe) + " ffprobe", perItem / probe, "-", null);
			this.b.limit("6a", String.format(Locale.ROOT, "per item the job claims it (one commit), runs five"
					+ " chunks of one stage each (a read of its row, the ledger's update and Spring Batch's step"
					+ " record, committed and synced to disk together: HSQLDB write_delay=false, so a kill loses"
					+ " nothing), and the last commit lets go of it: %s per item here besides the stages."
					+ " Fewer commits would mean bigger chunks, i.e. more work redone after a crash.",
					millis(perItemOwn)));
			this.b.notes.add(String.format(Locale.ROOT,
					"6a: %d items at concurrency 1. Bookkeeping = prepare (%s for all rows) / items + (the work"
							+ " step's %s - the %s its stages took as the ledger timed each, engine and output check"
							+ " included) / items. The output check (an ffprobe) is inside the stages: %s per item for"
							+ " all five stages, against %s for one ffprobe of the output timed alone by the harness"
							+ " (median of 30). After the steps the job spent %s on the reports (report.html draws a"
							+ " frame and the sound before and after with ffmpeg for up to 100 items), %s per item,"
							+ " not counted.",
					n, seconds(prepare), seconds(work), seconds(staged), millis(staged / n), millis(probe),
					seconds(report), millis(report / n)));
		}

	}

	// ------------------------------------------------------------------ sections 4-5: cloud

	static final class CloudBench {

		/** A realistic upload link: 10 MB/s. */
		static final long UPLOAD_BYTES_PER_SECOND = 10_000_000;

		static final long EDIT_MILLIS = 3000;

		static final long RENDER_MILLIS = 6000;

		/** Polls of a render, scaled to it: a 6 s render is polled every second. */
		static final long POLL_MILLIS = 1000;

		final Bench b;

		final Media media;

		CloudBench(Bench bench, Media media) {
			this.b = bench;
			this.media = media;
		}

		void run() throws Exception {
			Path folder = this.b.work.resolve("cloud");
			deleteTree(folder);
			Files.createDirectories(folder);
			if (this.b.has("cloud")) {
				try (bgmbatch.engine.nemo.fake.FakeNemoServer fake = new bgmbatch.engine.nemo.fake.FakeNemoServer(
						Files.createDirectories(folder.resolve("server-batch")))) {
					batch(fake);
				}
			}
			if (this.b.has("memory")) {
				try (bgmbatch.engine.nemo.fake.FakeNemoServer fake = new bgmbatch.engine.nemo.fake.FakeNemoServer(
						Files.createDirectories(folder.resolve("server-memory")))) {
					memory(fake);
				}
			}
			deleteTree(folder);
		}

		void batch(bgmbatch.engine.nemo.fake.FakeNemoServer fake) throws IOException {
			// quick mode shrinks every latency to a quarter, and says so
			double scale = this.b.quick ? 0.25 : 1.0;
			long edit = (long) (EDIT_MILLIS * scale);
			long render = (long) (RENDER_MILLIS * scale);
			long poll = (long) (POLL_MILLIS * scale);
			fake.balance.set(1_000_000);
			fake.uploadBytesPerSecond = (long) (UPLOAD_BYTES_PER_SECOND / scale);
			fake.editMillis = edit;
			fake.heartbeatMillis = Math.max(1, edit / 3);
			fake.renderMillis = render;
			long size = Files.size(this.media.small);
			double upload = size / (double) fake.uploadBytesPerSecond;
			double latency = upload + edit / 1000.0 + render / 1000.0;
			List<String> settings = List.of("engine=nemo", "nemo.base-url=" + fake.url(), "nemo.poll-interval=" + poll + "ms");

			int singles = 1;
			System.out.println("[4] cloud: one item alone, x" + singles + " (the unit of the one-at-a-time baseline)");
			List<Double> alone = new ArrayList<>();
			for (int i = 0; i < singles; i++) {
				Path one = this.b.manifest("cloud-1", List.of(this.media.small), null, INSTRUCTION);
				alone.add(this.b.runJob("cloud-1", this.b.runSh(), one, withConcurrency(settings, 1)).wall());
			}
			this.b.progress("runs: " + runs(alone) + " s");
			int total = this.b.quick ? 16 : 40;
			double sequential = total * median(alone);

			Map<Integer, Integer> itemsAt = new LinkedHashMap<>();
			itemsAt.put(8, total);
			if (!this.b.quick) {
				itemsAt.put(4, total);
			}
			// 40 items one at a time would take 40 x 9 s: the concurrency-1 run uses fewer items (its ratio to
			// the ideal does not depend on the count)
			itemsAt.put(1, this.b.quick ? 2 : 4);
			String id = "4a";
			for (Map.Entry<Integer, Integer> run : itemsAt.entrySet()) {
				int concurrency = run.getKey();
				int n = run.getValue();
				System.out.println("[4] cloud: " + n + " items at concurrency " + concurrency);
				Path manifest = this.b.manifest("cloud-" + n, java.util.Collections.nCopies(n, this.media.small), null,
						INSTRUCTION);
				JobRun job = this.b.runJob("cloud-c" + concurrency, this.b.runSh(), manifest,
						withConcurrency(settings, concurrency));
				this.b.progress(seconds(job.wall()) + " " + LocalBench.steps(job));
				double ideal = Math.ceil(n / (double) concurrency) * latency;
				this.b.row(id, n + " cloud items at concurrency " + concurrency + " (JVM included) / ideal bound",
						seconds(job.wall()), seconds(ideal) + " ideal", job.wall() / ideal,
						concurrency == 8 ? "<= 1.15" : "-", concurrency == 8 ? job.wall() / ideal <= 1.15 : null);
				if (concurrency == 8) {
					double jobSteps = job.stepSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
					this.b.limit(id, String.format(Locale.ROOT, "start-up to the first item %s, steps %s %s, the rest"
							+ " (reports, shutdown) %s. A render is seen done at the next poll (every %d ms), and the"
							+ " JVM's start-up is not in the ideal bound.",
							job.toFirstItem() == null ? "?" : seconds(job.toFirstItem()), seconds(jobSteps), LocalBench.steps(job),
							seconds(job.wall() - jobSteps - (job.toFirstItem() == null ? 0 : job.toFirstItem())), poll));
					this.b.row("4d", n + " cloud items at concurrency 8 / one at a time (public CLI style)",
							seconds(job.wall()), seconds(sequential) + " seq.", job.wall() / sequential, "-", null);
				}
				id = id.equals("4a") ? "4b" : "4c";
			}
			varying(fake, settings, total, upload + edit / 1000.0, scale);
			this.b.notes.add(String.format(Locale.ROOT,
					"4: fake NemoVideo server with upload at %.0f MB/s, edit stream %.2f s with heartbeats, render %.2f s"
							+ " after submission, polls every %d ms%s; one item's latency %s (upload of %.1f MB + edit +"
							+ " render); ideal = ceil(items / concurrency) x that. The one-at-a-time baseline = %d x the"
							+ " median of %d single-item runs with their JVM (%s), as one CLI call per video does.%s",
					fake.uploadBytesPerSecond / 1e6, edit / 1000.0, render / 1000.0, poll,
					this.b.quick ? " (quick mode: every latency x0.25)" : "", seconds(latency), size / 1e6, total,
					singles, runs(alone) + " s", " The concurrency-1 run used " + itemsAt.get(1) + " items, not " + total
							+ ", to stay within the time budget."));
		}

		/**
		 * Items whose renders take different times (2 to 12 s, seeded), 40 at concurrency 8,
		 * against the ideal bound: the sum of the items' latencies spread over 8 workers, or
		 * the longest item, whichever is larger. A job that waited for its slowest item at
		 * every stage, or gave each worker its items in advance, would sit idle.
		 */
		void varying(bgmbatch.engine.nemo.fake.FakeNemoServer fake, List<String> settings, int n, double beforeRender,
				double scale) {
			int concurrency = 8;
			java.util.Random random = new java.util.Random(10);
			List<Long> renders = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				renders.add((long) ((2000 + random.nextInt(10_001)) * scale));
			}
			fake.renderMillisEach.clear();
			fake.renderMillisEach.addAll(renders);
			double sum = renders.stream().mapToDouble((ms) -> beforeRender + ms / 1000.0).sum();
			double longest = renders.stream().mapToDouble((ms) -> beforeRender + ms / 1000.0).max().orElse(0);
			double ideal = Math.max(sum / concurrency, longest);
			System.out.println("[4] cloud: " + n + " items with renders of " + seconds(2 * scale) + " to "
					+ seconds(12 * scale) + " at concurrency " + concurrency);
			Path manifest = this.b.manifest("cloud-varying-" + n, java.util.Collections.nCopies(n, this.media.small),
					null, INSTRUCTION);
			JobRun job = this.b.runJob("cloud-varying", this.b.runSh(), manifest, withConcurrency(settings, concurrency));
			this.b.progress(seconds(job.wall()) + " " + LocalBench.steps(job));
			double ratio = job.wall() / ideal;
			this.b.row("4e", n + " cloud items, renders " + seconds(2 * scale) + "-" + seconds(12 * scale)
					+ ", at concurrency 8 (JVM included) / ideal bound", seconds(job.wall()), seconds(ideal) + " ideal",
					ratio, "<= 1.10", ratio <= 1.10);
			this.b.notes.add(String.format(Locale.ROOT, "4e: renders drawn from a seeded generator and handed out in"
					+ " the order renders are submitted; each item's latency = %s (upload + edit) + its render; ideal"
					+ " = max(sum of latencies / 8, longest item) = max(%s, %s).", seconds(beforeRender),
					seconds(sum / concurrency), seconds(longest)));
			this.b.limit("4e", String.format(Locale.ROOT, "start-up to the first item %s is not in the ideal bound;"
					+ " each render is seen done at the next poll, up to a poll interval late; the last items to start"
					+ " decide the end.", job.toFirstItem() == null ? "?" : seconds(job.toFirstItem())));
		}

		void memory(bgmbatch.engine.nemo.fake.FakeNemoServer fake) throws IOException {
			fake.balance.set(1_000_000);
			long size = Files.size(this.media.big);
			System.out.println("[5] memory: a " + size / 1_000_000 + " MB video through the cloud engine at -Xmx64m");
			Path dir = this.b.work.resolve("runs/memory");
			deleteTree(dir);
			Files.createDirectories(dir);
			Path manifest = this.b.manifest("memory", List.of(this.media.big), null, INSTRUCTION);
			Path gcLog = dir.resolve("gc.log");
			List<String> command = new ArrayList<>(this.b.runSh());
			command.addAll(1, List.of("-Xmx64m", "-Xlog:gc:file=" + gcLog));
			command.addAll(List.of("manifest=" + manifest, "output=" + dir.resolve("out"),
					"state-dir=" + dir.resolve("state"), "engine=nemo", "nemo.base-url=" + fake.url(),
					"nemo.poll-interval=200ms", "concurrency=1"));
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("console.txt").toFile());
			long start = System.nanoTime();
			Process process = builder.start();
			long peakRss = 0;
			Path status = Path.of("/proc/" + process.pid() + "/status");
			try {
				while (!process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
					peakRss = Math.max(peakRss, highWaterMark(status));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			double wall = (System.nanoTime() - start) / 1e9;
			boolean uploaded = fake.calls("POST", "/api/upload-video/").stream().anyMatch((c) -> c.status() == 200);
			boolean delivered = process.exitValue() == 0;
			double peakHeap = 0;
			Matcher heap = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
			while (heap.find()) {
				peakHeap = Math.max(peakHeap, Double.parseDouble(heap.group(1)));
			}
			String console = Files.readString(dir.resolve("console.txt"));
			this.b.row("5", size / 1_000_000 + " MB upload at -Xmx64m: peak heap / 64 MB limit",
					String.format(Locale.ROOT, "%.0f MB heap, %.0f MB RSS", peakHeap, peakRss / 1024.0), "64 MB",
					peakHeap / 64, "succeeds", uploaded);
			this.b.notes.add(String.format(Locale.ROOT,
					"5: upload %s, job exit code %d (%s) in %s; peak heap = the largest heap before a GC in the GC log;"
							+ " RSS = the process's VmHWM, read every 100 ms.",
					uploaded ? "accepted by the server" : "NOT accepted", process.exitValue(),
					delivered ? "delivered" : "not delivered: " + lastLine(console), seconds(wall)));
			deleteTree(dir);
		}

		static long highWaterMark(Path status) {
			try {
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmHWM:")) {
						return Long.parseLong(line.replaceAll("\\D", ""));
					}
				}
			}
			catch (IOException | UncheckedIOException ex) {
				// the process has just ended
			}
			return 0;
		}

		static String lastLine(String text) {
			String[] lines = text.strip().split("\\R");
			return lines[lines.length - 1];
		}

		static List<String> withConcurrency(List<String> settings, int concurrency) {
			List<String> all = new ArrayList<>(settings);
			all.add("concurrency=" + concurrency);
			return all;
		}

	}

}
