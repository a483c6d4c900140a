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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import bgmbatch.BgmBatchApplication;
import bgmbatch.job.ExitCode;
import bgmbatch.state.RunLock;
import bgmbatch.state.StateFolder;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's morning, end to end on the local engine: a night run under "cron" (no
 * terminal), its console, log and HTML report, then the job commands on its state. The
 * tests share one state folder and run in order, because each step is what the next one
 * inspects; one full run costs seconds, so they are not repeated per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsTest {

	/** An instant as the job commands print it: ISO-8601 to the second, with the zone's offset. */
	private static final String ISO_SECONDS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)";

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
		// ISO-8601 with the zone, to the second
		String when = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)";
		assertThat(console).containsPattern("(?m)^" + when + " \\[\\d/3\\] beach: probing$")
			.containsPattern("(?m)^" + when + " \\[\\d/3\\] city: rendering$")
			.containsPattern("(?m)^" + when
					+ " \\[\\d/3\\] beach: delivered -> beach & sea\\.mp4 \\(\\d+\\.\\d s\\)(; about \\S+ left)?$")
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
	void htmlReportIsSelfContainedWithTheSkippedItemFirstAndPicturesOfTheDeliveredOnes() throws IOException {
		String html = Files.readString(this.output.resolve("report.html"));
		assertThat(html).containsSubsequence("id=\"attention\"", "data-id=\"late\"", "id=\"delivered\"",
				"id=\"item-beach\"", "id=\"item-city\"")
			.contains("Finished: 2 delivered, 1 skipped")
			.contains("href=\"beach%20%26%20sea.mp4\"", "beach &amp; sea.mp4")
			.contains("add calm background music and fade it out at the end")
			.doesNotContainPattern("(src|href)=\"(https?:)?//")
			.doesNotContain("<link");
		Matcher frames = Pattern.compile("<img alt=\"A frame of [^\"]+\" src=\"data:image/jpeg;base64,[A-Za-z0-9+/=]+\"")
			.matcher(html);
		assertThat(frames.results().count()).isEqualTo(2);
		Matcher sounds = Pattern.compile("<img alt=\"The sound (before|after), as a waveform\" src=\"data:image/png;base64,")
			.matcher(html);
		assertThat(sounds.results().count()).isEqualTo(4);
	}

	@Test
	@Order(5)
	void jobsListsTheExecutionWithItsCounts() {
		Run jobs = cli("jobs", "state-dir=" + this.state);

		assertThat(jobs.code()).isZero();
		assertThat(jobs.out()).containsPattern(Pattern.quote(this.manifest.toString()) + "\\s+\\d+\\s+" + ISO_SECONDS
				+ "\\s+finished\\s+2\\s+1\\s+0")
			.doesNotContain("COMPLETED");
	}

	@Test
	@Order(6)
	void statusShowsEveryItemWithItsStage() {
		Run status = cli("status", "manifest=" + this.manifest, "state-dir=" + this.state);

		assertThat(status.code()).isZero();
		assertThat(status.out()).containsPattern("(?m)^Run: +execution \\d+, finished$")
			.containsPattern("(?m)^Started: +" + ISO_SECONDS + "$")
			.containsPattern("(?m)^Ended: +" + ISO_SECONDS + "$")
			.containsPattern("(?m)^  beach\\s+delivered\\s+done")
			.containsPattern("(?m)^  late\\s+skipped\\s+probing\\s+0\\s+the video .*late\\.mp4 does not exist")
			.doesNotContain("COMPLETED", "generation", "read ", "written ");
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
		assertThat(Files.readString(this.output.resolve("report.html"))).as("the report covers the night and the morning")
			.contains("All 3 videos delivered", "in 2 runs");
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
		assertThat(jobs.out()).contains("abandoned").containsPattern("finished\\s+3\\s+0\\s+0");
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
	void aRunInProgressThatHasNotPublishedItsStatusIsNotedAndItsDatabaseLeftAlone() throws Exception {
		StateFolder folder = new StateFolder(this.state);
		try (RunLock running = RunLock.tryAcquire(folder.lockFile(this.manifest)).orElseThrow()) {
			Run jobs = cli("jobs", "state-dir=" + this.state);
			Run status = cli("status", "manifest=" + this.manifest, "state-dir=" + this.state);

			assertThat(jobs.code()).isZero();
			assertThat(jobs.out()).contains("note: " + StateFolder.slug(this.manifest) + ": a run is in progress (process "
					+ ProcessHandle.current().pid() + ")")
				.doesNotContain(this.manifest.toString());
			assertThat(status.code()).isZero();
			assertThat(status.out()).contains("is in progress", "has not published its status yet");
		}
	}

	/** A 1.5 s clip whose tone tells it apart from the others. */
	private static void clip(Path file, int tone) {
		Clips.video(file, 1.5, "sine=frequency=" + tone + ":duration=1.5");
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
			code = new Cli(console, new PrintStream(err, true, StandardCharsets.UTF_8), BgmBatchApplication::application).run(args);
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
