package bgmbatch.cli;

import bgmbatch.BgmBatchApplication;
import bgmbatch.job.ExitCode;
import bgmbatch.settings.UsageException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Cli cli = new Cli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
			new PrintStream(this.err, true, StandardCharsets.UTF_8), BgmBatchApplication::application);

	@Test
	void misspeltSettingExitsTwoAndSuggestsTheRealOne() {
		int code = this.cli.run(new String[] { "manfest=videos.csv" });

		assertThat(code).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("unknown setting 'manfest'; did you mean 'manifest'?");
	}

	@Test
	void misspeltCommandExitsTwoAndSuggestsTheRealOne() {
		int code = this.cli.run(new String[] { "retry-skiped", "manifest=videos.csv" });

		assertThat(code).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("unknown command 'retry-skiped'; did you mean 'retry-skipped'?");
	}

	@Test
	void settingFarFromEveryKnownOneListsThemInstead() {
		assertThatThrownBy(() -> Arguments.parse(new String[] { "colour=blue" })).isInstanceOf(UsageException.class)
			.hasMessageContaining("unknown setting 'colour'; the settings are")
			.hasMessageContaining("manifest")
			.hasMessageNotContaining("did you mean");
	}

	@Test
	void wordThatIsNeitherCommandNorSettingSaysWhatSettingsLookLike() {
		assertThatThrownBy(() -> Arguments.parse(new String[] { "videos.csv" })).isInstanceOf(UsageException.class)
			.hasMessageContaining("settings look like name=value");
	}

	@Test
	void commandIsRecognisedAnywhereAndSettingsStillBecomeSpringProperties() {
		Arguments arguments = Arguments.parse(new String[] { "manifest=v.csv", "STATUS", "state-dir=/tmp/s" });

		assertThat(arguments.command()).isEqualTo("status");
		assertThat(arguments.springArguments()).containsExactly("--bgm.manifest=v.csv", "--bgm.state-dir=/tmp/s");
		assertThat(arguments.setting("state-dir")).hasValue("/tmp/s");
		assertThat(arguments.setting("output")).isEmpty();
	}

	@Test
	void withoutCommandTheManifestRuns() {
		assertThat(Arguments.parse(new String[] { "manifest=v.csv", "quiet=true", "progress=plain" }).command())
			.isEqualTo("run");
	}

	@Test
	void helpPrintsTheCommandsAndEveryExitCode() {
		int code = this.cli.run(new String[] { "--help" });

		String usage = this.out.toString(StandardCharsets.UTF_8);
		assertThat(code).isZero();
		assertThat(usage).contains("jobs", "status", "abandon", "retry-skipped", "progress=auto|bar|plain", "quiet=true|false");
		for (ExitCode exit : ExitCode.values()) {
			assertThat(usage).containsPattern("(?m)^  " + exit.code() + "  \\S");
		}
	}

	@Test
	void nearMissIsWithinTwoEdits() {
		assertThat(bgmbatch.settings.NearMiss.distance("manfest", "manifest")).isEqualTo(1);
		assertThat(bgmbatch.settings.NearMiss.distance("concurency", "concurrency")).isEqualTo(1);
		assertThat(bgmbatch.settings.NearMiss.suggest("ouptut", SettingsList.names())).hasValue("output");
		assertThat(bgmbatch.settings.NearMiss.suggest("xyz", SettingsList.names())).isEmpty();
	}

	@Test
	void manifestCommandWithoutManifestIsABadInvocation() {
		int code = this.cli.run(new String[] { "status" });

		assertThat(code).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("status needs manifest=FILE");
	}

}
