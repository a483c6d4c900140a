package bgmbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's settings table is the settings records, written out: names, defaults and
 * descriptions (the records' javadoc). When a record changes, this test fails and leaves
 * the table to paste in target/README-settings.md.
 */
class SettingsReadmeTest {

	private static final String BEGIN = "<!-- settings table: made from the settings records; SettingsReadmeTest checks it -->";

	private static final String END = "<!-- end of settings table -->";

	@Test
	void readmeSettingsTableIsTheSettingsRecords() throws IOException {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		int begin = readme.indexOf(BEGIN);
		int end = readme.indexOf(END);
		assertThat(begin).as("README.md has the settings table markers").isNotNegative();
		assertThat(end).isGreaterThan(begin);
		String documented = readme.substring(begin + BEGIN.length(), end).strip();
		String expected = table();
		Files.writeString(Path.of("target", "README-settings.md"), expected + "\n", StandardCharsets.UTF_8);
		assertThat(documented).as("README settings table (the expected one is in target/README-settings.md)")
			.isEqualTo(expected);
	}

	@Test
	void everySettingOfEveryRecordIsAcceptedOnTheCommandLine() {
		List<String> args = new ArrayList<>();
		for (SettingsList.Setting setting : SettingsList.all()) {
			args.add(setting.name() + "=1");
		}
		assertThat(Arguments.parse(args.toArray(String[]::new)).springArguments()).hasSize(args.size());
		assertThat(SettingsList.names()).contains("manifest", "progress", "quiet", "metrics-file", "report-url",
				"remote.max-size", "nemo.credit-margin", "s3.region", "allow-http-urls", "allow-private-urls");
		assertThat(SettingsList.names()).as("groups bound at the bgm prefix add no name of their own")
			.noneMatch((name) -> name.startsWith("run.") || name.startsWith("operator.")
					|| name.startsWith("remote-inputs."));
	}

	@Test
	void everySettingHasADescriptionForHelp() {
		Map<String, String> descriptions = SettingsList.descriptions();
		assertThat(SettingsList.all()).allSatisfy((setting) -> assertThat(descriptions.get(setting.name()))
			.as(setting.name() + " needs a javadoc @param in its record").isNotBlank());
	}

	static String table() {
		Map<String, String> descriptions = SettingsList.descriptions();
		StringBuilder table = new StringBuilder("| setting | meaning | default |\n|---|---|---|\n");
		List<SettingsList.Setting> settings = new ArrayList<>(SettingsList.all());
		settings.add(0, SettingsList.CONFIG);
		for (SettingsList.Setting setting : settings) {
			String value = setting.placeholder().replace("|", "\\|");
			String defaults = setting.defaultValue() == null || setting.defaultValue().isEmpty() ? ""
					: "`" + setting.defaultValue() + "`";
			table.append("| `")
				.append(setting.name())
				.append('=')
				.append(value)
				.append("` | ")
				.append(descriptions.get(setting.name()).replace("|", "\\|"))
				.append(" | ")
				.append(defaults)
				.append(" |\n");
		}
		return table.toString().strip();
	}

}
