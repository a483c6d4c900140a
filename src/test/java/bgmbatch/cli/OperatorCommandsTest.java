package bgmbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import bgmbatch.state.RunLock;
import bgmbatch.state.StateFolder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator's morning, end to end on the local engine: a night run under "cron" (no
 * terminal), its console, log and HTML report, then the job commands on its state. The
 * tests share one state folder and run in order, because each step is what the next one
 * inspects; one full run costs seconds, so they are not repeated per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsTest {

	private Path dir;

	private Path manifest;

	private Path output;

	private Path state;

	private Run night;

	@BeforeAll
	void nightRun(@TempDir Path dir) throws Exception {
		this.dir = dir;
		Path clips = Files.createDirectories(this.dir.resolve("clips"));
		clip(clips.resolve("beach.mp4"), 440);
		clip(clips.resolve("city.mp4"), 660);
		this.manifest = this.dir.resolve("night.csv");
		Files.writeString(this.manifest, """
				video,instruction,music,output,id
				clips/beach.mp4,add calm background music and fade it out at the end,,beach & sea.mp4,beach
				clips/city.mp4,add upbeat background music,,,city
				clips/late.mp4,add calm background music,,,late
				""");
		this.output = this.dir.resolve("out");
		this.state = this.dir.resolve("state");
		this.night = cli("manifest=" + this.manifest, "output=" + this.output, "state-dir=" + this.state,
				"concurrency=2");
	}

	@Test
	@Order(1)
	void nightRunWithoutTerminalPrintsPlainLinesWithoutControlCharacters() {
		assertThat(this.night.code()).as(this.night.text()).isEqualTo(ExitCode.SKIPPED.code());
		String console = this.night.out();
		assertThat(console.replace("\n", "")).doesNotContainPattern("\\p{Cntrl}");
		assertThat(console).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d \\[\\d/3\\] beach: probing$")
			.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d \\[\\d/3\\] city: rendering$")
			.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d \\[\\d/3\\] beach: delivered -> beach & sea\\.mp4 \\(\\d+\\.\\d s\\)$")
			.contains("late (line 4): the video")
			.contains("report: " + this.output.resolve("report.html"));
	}

	@Test
	@Order(2)
	void executionLogNamesTheItemOnEveryLineAboutIt() throws IOException {
		Path logs = new StateFolder(this.state).executionLogs(this.manifest);
		List<Path> files;
		try (Stream<Path> list = Files.list(logs)) {
			files = list.toList();
		}
		assertThat(files).hasSize(1);
		List<String> lines = Files.readAllLines(files.get(0));
		assertThat(lines).anyMatch((line) -> line.contains("item=beach ") && line.contains("probing started"))
			.anyMatch((line) -> line.contains("item=city ") && line.contains("delivering done"))
			.allMatch((line) -> line.isBlank() || line.matches("^\\S+ \\S+\\s+\\[[^]]+\\] item=\\S+ .*")
					|| line.startsWith("\t") || !line.startsWith("20"));
		assertThat(lines.stream().filter((line) -> line.contains("started (")))
			.allMatch((line) -> !line.contains("item=- "));
		assertThat(Files.readString(this.state.resolve("logs/bgm-batch.log"))).contains("[beach]");
	}

	@Test
	@Order(3)
	void htmlReportIsSelfContainedWithARowPerItemAndWaveformsOfDeliveredOnes() throws IOException {
		String html = Files.readString(this.output.resolve("report.html"));
		assertThat(html).contains("<tr class=\"delivered\" data-id=\"beach\"", "<tr class=\"delivered\" data-id=\"city\"",
				"<tr class=\"skipped\" data-id=\"late\"", "3 total", "2 delivered", "1 skipped")
			.contains("href=\"beach%20%26%20sea.mp4\"", "beach &amp; sea.mp4")
			.contains("add calm background music and fade it out at the end")
			.doesNotContain("http://", "https://", "<script", "<link");
		Matcher images = Pattern.compile("<img class=\"wave\" [^>]*src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"")
			.matcher(html);
		assertThat(images.results().count()).isEqualTo(2);
	}

	@Test
	@Order(4)
	void htmlReportRendersItsTableAndPicturesInHeadlessChromium() throws Exception {
		String chromium = Stream.of("chromium", "chromium-browser")
			.filter(OperatorCommandsTest::onPath)
			.findFirst()
			.orElse(null);
		assumeTrue(chromium != null, "SKIPPED: chromium is not installed (apt-get install -y chromium), "
				+ "so report.html was not rendered in a browser");
		// a copy with a probe script that writes what the browser decoded into the DOM it dumps
		String probe = "<script>window.addEventListener('load',()=>{document.body.setAttribute('data-rows',"
				+ "document.querySelectorAll('#items tbody tr').length);document.body.setAttribute('data-images',"
				+ "[...document.images].map(i=>i.naturalWidth+'x'+i.naturalHeight).join(' '));});</script>";
		Path page = this.output.resolve("report-probe.html");
		Files.writeString(page, Files.readString(this.output.resolve("report.html")).replace("</body>", probe + "</body>"));
		Path profile = Files.createDirectories(this.dir.resolve("chromium-profile"));
		Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--run-all-compositor-stages-before-draw",
				"--virtual-time-budget=5000", "--dump-dom", page.toUri().toString())
			.redirectError(this.dir.resolve("chromium.err").toFile())
			.start();
		String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(browser.waitFor(90, TimeUnit.SECONDS)).isTrue();
		assertThat(dom).contains("data-rows=\"3\"")
			.contains("data-images=\"320x48 320x48\"")
			.contains("data-id=\"late\"");
	}

	@Test
	@Order(5)
	void jobsListsTheExecutionWithItsCounts() {
		Run jobs = cli("jobs", "state-dir=" + this.state);

		assertThat(jobs.code()).isZero();
		assertThat(jobs.out()).containsPattern(Pattern.quote(this.manifest.toString()) + "\\s+\\d+\\s+\\S+ \\S+\\s+"
				+ "COMPLETED\\s+2\\s+1\\s+0");
	}

	@Test
	@Order(6)
	void statusShowsEveryItemWithItsStage() {
		Run status = cli("status", "manifest=" + this.manifest, "state-dir=" + this.state);

		assertThat(status.code()).isZero();
		assertThat(status.out()).contains("COMPLETED")
			.containsPattern("(?m)^  beach\\s+delivered\\s+done")
			.containsPattern("(?m)^  late\\s+skipped\\s+probing\\s+0\\s+the video .*late\\.mp4 does not exist")
			.containsPattern("(?m)^  work\\s+COMPLETED\\s+read 10, written 10");
	}

	@Test
	@Order(7)
	void retrySkippedLeavesItemsWhoseReasonRemainsThenRequeuesThemOnceTheFileIsThere() throws Exception {
		Run early = cli("retry-skipped", "manifest=" + this.manifest, "state-dir=" + this.state);
		assertThat(early.out()).contains("still skipped  late").contains("None of the 1 skipped item(s)");

		clip(this.dir.resolve("clips/late.mp4"), 880);
		Run retry = cli("retry-skipped", "manifest=" + this.manifest, "state-dir=" + this.state);
		assertThat(retry.code()).isZero();
		assertThat(retry.out()).contains("re-queued      late").contains("1 of 1 skipped item(s) re-queued");

		Run rerun = cli("manifest=" + this.manifest, "output=" + this.output, "state-dir=" + this.state,
				"quiet=true");
		assertThat(rerun.code()).as(rerun.text()).isZero();
		assertThat(rerun.out()).contains("Job finished.", "3 delivered, 0 skipped, 0 failed")
			.doesNotContain("probing", "Starting", "delivered ->");
		assertThat(this.output.resolve("late.mp4")).isRegularFile();
	}

	@Test
	@Order(8)
	void abandonRecoversAnExecutionLeftRunningAndTheNextRunStartsANewOne() throws Exception {
		String url = "jdbc:hsqldb:file:" + new StateFolder(this.state).databaseFolder(this.manifest).resolve("batch")
				+ ";ifexists=true;shutdown=true";
		try (Connection db = DriverManager.getConnection(url, "SA", ""); Statement sql = db.createStatement()) {
			// what kill -9 leaves behind: the latest execution still marked as running
			sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL "
					+ "WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)");
		}

		Run abandon = cli("abandon", "manifest=" + this.manifest, "state-dir=" + this.state);
		assertThat(abandon.code()).as(abandon.text()).isZero();
		assertThat(abandon.out()).contains("recovering it first", "is ABANDONED");

		Run next = cli("manifest=" + this.manifest, "output=" + this.output, "state-dir=" + this.state,
				"progress=plain");
		assertThat(next.code()).as(next.text()).isZero();
		Run jobs = cli("jobs", "state-dir=" + this.state);
		assertThat(jobs.out()).contains("ABANDONED").containsPattern("COMPLETED\\s+3\\s+0\\s+0");
	}

	@Test
	@Order(9)
	void manifestCommandOnAnUnknownManifestIsABadInvocation() {
		Run status = cli("status", "manifest=" + this.dir.resolve("other.csv"), "state-dir=" + this.state);

		assertThat(status.code()).isEqualTo(2);
		assertThat(status.err()).contains("no job of");
	}

	@Test
	@Order(10)
	void aManifestWhoseRunIsInProgressIsLeftAloneWithANote() throws Exception {
		StateFolder folder = new StateFolder(this.state);
		try (RunLock running = RunLock.tryAcquire(folder.lockFile(this.manifest)).orElseThrow()) {
			Run jobs = cli("jobs", "state-dir=" + this.state);
			Run status = cli("status", "manifest=" + this.manifest, "state-dir=" + this.state);

			assertThat(jobs.code()).isZero();
			assertThat(jobs.out()).contains("note: " + StateFolder.slug(this.manifest) + ": a run is in progress (process "
					+ ProcessHandle.current().pid() + ")")
				.doesNotContain(this.manifest.toString());
			assertThat(status.code()).isEqualTo(ExitCode.ALREADY_RUNNING.code());
			assertThat(status.out()).contains("is in progress");
		}
	}

	private static boolean onPath(String program) {
		return Stream.of(System.getenv("PATH").split(":")).anyMatch((d) -> Files.isExecutable(Path.of(d, program)));
	}

	private static void clip(Path file, int tone) throws Exception {
		Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
				"testsrc=size=160x120:rate=15:duration=1.5", "-f", "lavfi", "-i",
				"sine=frequency=" + tone + ":duration=1.5", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
				"-t", "1.5", file.toString())
			.redirectErrorStream(true)
			.start();
		String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(ffmpeg.waitFor()).as(log).isZero();
	}

	/** Runs the command line as cron would, the console being whatever System.out is. */
	private static Run cli(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream stdout = System.out;
		PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
		System.setOut(console);
		int code;
		try {
			code = new Cli(console, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
		}
		finally {
			System.setOut(stdout);
		}
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Run(int code, String out, String err) {

		String text() {
			return this.out + "\n--- stderr ---\n" + this.err;
		}

	}

}
