package bgmbatch.cli;

import bgmbatch.BgmBatchApplication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import bgmbatch.state.RunLock;
import bgmbatch.state.StateFolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

	@TempDir
	Path dir;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void helpPrintsUsageWithExitCodes() {
		assertThat(run("--help")).isZero();
		assertThat(out()).contains("manifest=FILE").contains("Exit codes").contains("4  stopped for credits");
	}

	@Test
	void unknownSettingIsAUsageError() {
		assertThat(run("manifest=x.csv", "volume=3")).isEqualTo(2);
		assertThat(err()).contains("unknown setting 'volume'");
	}

	@Test
	void truePeakOutsideItsRangeIsAUsageErrorInOneLine() {
		assertThat(run("manifest=x.csv", "true-peak=3")).isEqualTo(2);
		assertThat(err()).contains("true-peak must be a ceiling in dBTP between -9 and 0").contains("not '3'");
	}

	@Test
	void bareWordIsAUsageError() {
		assertThat(run("videos.csv")).isEqualTo(2);
		assertThat(err()).contains("name=value");
	}

	@Test
	void missingManifestSettingIsAUsageError() {
		assertThat(run("state-dir=" + this.dir.resolve("state"))).isEqualTo(2);
		assertThat(err()).contains("no manifest given");
	}

	@Test
	void manifestThatDoesNotExistIsAUsageError() {
		assertThat(run("manifest=" + this.dir.resolve("nope.csv"), "state-dir=" + this.dir.resolve("state"))).isEqualTo(2);
		assertThat(err()).contains("nope.csv does not exist");
	}

	@Test
	void malformedManifestStopsBeforeAnyWorkNamingRowAndColumn() throws Exception {
		Path manifest = this.dir.resolve("videos.csv");
		Files.writeString(manifest, "video,instruction,output\na.mp4,x,../../etc/evil.mp4\n");
		assertThat(run("manifest=" + manifest, "state-dir=" + this.dir.resolve("state"))).isEqualTo(2);
		assertThat(err()).contains("row 1 (line 2), column 'output'");
		assertThat(this.dir.resolve("output")).doesNotExist();
	}

	@Test
	void stateFolderThatCannotBeCreatedIsAUsageError() throws Exception {
		Path blocker = this.dir.resolve("a-file");
		Files.writeString(blocker, "x");
		Path manifest = this.dir.resolve("videos.csv");
		Files.writeString(manifest, "video,instruction\na.mp4,x\n");
		assertThat(run("manifest=" + manifest, "state-dir=" + blocker.resolve("state"))).isEqualTo(2);
		assertThat(err()).contains("state folder").contains("not writable");
		assertThat(err().lines()).as("one clear line, no trace").hasSize(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			concurrency=two          | concurrency=two is not valid: give a whole number
			ffmpeg-timeout=abc       | ffmpeg-timeout=abc is not valid: give a duration, e.g. 30s, 5m or 2h
			engine=locl              | engine=locl is not one of local, nemo; did you mean engine=local?
			format=mkv               | format=mkv is not one of mp4, same
			progress=bars            | did you mean progress=bar?
			explain=maybe            | explain=maybe is not valid: give one of false, true, json
			heartbeat=0s             | heartbeat=0s must be a positive duration
			concurrency=-1           | concurrency=-1 is below 0
			nemo.credit-margin=lots  | nemo.credit-margin=lots is not valid: give a whole number
			nemo.poll-interval=soon  | nemo.poll-interval=soon is not valid: give a duration
			s3.part-size=big         | s3.part-size=big is not valid: give a size, e.g. 500MB or 4GB
			remote.max-retries=x     | remote.max-retries=x is not valid: give a whole number
			remote.max-retries=-1    | remote.max-retries=-1 is below 0
			remote.cache-size=0GB    | remote.cache-size=0B must be a positive size
			remote.read-timeout=0s   | remote.read-timeout=0s must be a positive duration
			allow-http-urls=perhaps  | allow-http-urls=perhaps is not valid: give true or false
			report-waveforms=-1      | report-waveforms=-1 is below 0
			quiet=maybe              | quiet=maybe is not valid: give true or false
			""")
	void everyBadValueOfEverySettingIsRefusedInTwoLinesWithExitTwo(String setting, String message) throws Exception {
		assertThat(run("manifest=" + manifest(), "state-dir=" + this.dir.resolve("state"), setting)).isEqualTo(2);
		assertThat(err()).contains("error: " + setting.substring(0, setting.indexOf('=')))
			.contains(message.strip())
			.doesNotContain("at org.")
			.doesNotContain("APPLICATION FAILED TO START");
		assertThat(err().lines()).hasSize(2);
		assertThat(this.dir.resolve("state")).as("refused before anything was made").doesNotExist();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nemo.credit-margn=0   | unknown setting 'nemo.credit-margn'; did you mean 'nemo.credit-margin'?
			s3.regoin=eu-west-1   | unknown setting 's3.regoin'; did you mean 's3.region'?
			remote.cache=1GB      | unknown setting 'remote.cache'; the remote.* settings are
			nemo.colour=blue      | unknown setting 'nemo.colour'; the nemo.* settings are
			""")
	void unknownSettingsInEveryGroupAreRefused(String setting, String message) {
		assertThat(run("manifest=x.csv", setting)).isEqualTo(2);
		assertThat(err()).contains(message.strip());
	}

	@Test
	void noArgumentsPrintsAShortUsageAndExitsTwo() {
		assertThat(run()).isEqualTo(2);
		assertThat(err()).startsWith("Usage: java -jar batch.jar manifest=videos.csv").contains("--help");
		assertThat(err().lines().count()).isLessThanOrEqualTo(4);
	}

	@Test
	void versionIsOneLine() {
		assertThat(run("--version")).isZero();
		assertThat(out()).matches("bgm-batch \\d+\\.\\d+\\.\\d+\\S* \\(Java \\d+, Spring Boot 4\\S+\\)\\R");
		this.out.reset();
		assertThat(run("-V")).isZero();
		assertThat(out()).startsWith("bgm-batch ");
	}

	@Test
	void runOfAManifestAnotherProcessHoldsIsOneLineWithExitFive() throws Exception {
		Path state = this.dir.resolve("state");
		Path manifest = manifest();
		try (RunLock held = RunLock.tryAcquire(new StateFolder(state).lockFile(manifest)).orElseThrow()) {
			assertThat(run("manifest=" + manifest, "state-dir=" + state)).isEqualTo(5);
		}
		assertThat(err().lines()).hasSize(1);
		assertThat(err()).contains("another run of " + manifest).doesNotContain("at org.");
	}

	@Test
	void stateFolderFromAConfigFileIsTheOneThePreStartLockCheckLooksAt() throws Exception {
		Path state = this.dir.resolve("state-from-file");
		Path config = this.dir.resolve("bgm.conf");
		Files.writeString(config, "bgm.state-dir=" + state + "\n");
		Path manifest = manifest();
		try (RunLock held = RunLock.tryAcquire(new StateFolder(state).lockFile(manifest)).orElseThrow()) {
			assertThat(run("manifest=" + manifest, "config=" + config)).isEqualTo(5);
		}
		assertThat(err()).contains("another run of " + manifest);
	}

	@Test
	void badValueInAConfigFileNamesTheFile() throws Exception {
		Path config = this.dir.resolve("bgm.properties");
		Files.writeString(config, "bgm.concurrency=two\n");
		assertThat(run("manifest=" + manifest(), "config=" + config)).isEqualTo(2);
		assertThat(err()).contains("concurrency=two is not valid").contains(config.toString());
	}

	@Test
	void misspeltSettingInAConfigFileIsRefusedNotIgnored() throws Exception {
		Path config = this.dir.resolve("bgm.properties");
		Files.writeString(config, "bgm.nemo.credit-margn=0\n");
		assertThat(run("manifest=" + manifest(), "config=" + config)).isEqualTo(2);
		assertThat(err()).contains("unknown setting 'nemo.credit-margn'; did you mean 'nemo.credit-margin'?")
			.contains(config.toString());
	}

	@Test
	void configFileThatDoesNotExistIsABadInvocation() {
		assertThat(run("manifest=x.csv", "config=" + this.dir.resolve("missing.properties"))).isEqualTo(2);
		assertThat(err()).contains("the config file " + this.dir.resolve("missing.properties") + " does not exist");
	}

	@Test
	void theMachineFileAndTheFileBesideTheJarAreReadFirst() {
		assertThat(ConfigFiles.locations("x.properties")).startsWith("optional:file:/etc/bgm-batch/bgm-batch.properties,")
			.endsWith(",file:" + Path.of("x.properties").toAbsolutePath());
	}

	private Path manifest() throws IOException {
		Path manifest = this.dir.resolve("videos.csv");
		Files.writeString(manifest, "video,instruction\na.mp4,x\n");
		return manifest;
	}

	private int run(String... args) {
		return new Cli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), BgmBatchApplication::application).run(args);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
