package bgmbatch.cli;

import bgmbatch.BgmBatchApplication;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
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
