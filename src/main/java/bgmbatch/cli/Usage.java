package bgmbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import bgmbatch.job.ExitCode;

import org.springframework.boot.SpringBootVersion;

/** The text of --help, its settings from {@link SettingsList}, its exit codes from {@link ExitCode}. */
final class Usage {

	/** What a bare {@code java -jar batch.jar} prints (to stderr, exit 2). */
	static final String SHORT = """
			Usage: java -jar batch.jar manifest=videos.csv [output=DIR] [engine=local|nemo] [setting=value ...]
			       java -jar batch.jar jobs|status|abandon|retry-skipped [manifest=videos.csv]
			Run with --help for every setting and command, --version for the version.
			""";

	private static final String HEAD = """
			Usage: java -jar batch.jar manifest=videos.csv [setting=value ...]
			       java -jar batch.jar jobs [state-dir=DIR]
			       java -jar batch.jar status|abandon|retry-skipped manifest=videos.csv [state-dir=DIR]
			       java -jar batch.jar worker [concurrency=N] [engine=local|nemo]   (several machines)
			       java -jar batch.jar --help | --version

			Adds background music to every video of the manifest. Run the same command again
			after a failure or a kill: it resumes where it stopped and never redoes delivered work.

			Commands (for the morning after):
			  jobs               recent executions of every manifest in the state folder
			  status             the latest execution of manifest=FILE and each item's stage; during a run,
			                     each item's stage, worker, time in that stage and ETA
			  abandon            give up a stuck or failed execution: the next run starts a new one
			                     (items keep their progress; nothing paid for is done again)
			  retry-skipped      re-queue skipped items whose files are now in place; then run again
			  worker             serve the worker slots of distributed runs until SIGTERM or Ctrl-C

			Settings, as name=value; each is also the Spring property bgm.NAME (environment BGM_NAME,
			e.g. BGM_STATE_DIR) and may sit in /etc/bgm-batch/bgm-batch.properties, in the
			application.properties beside the jar or in config=FILE. The NemoVideo token comes from
			the environment variable NEMO_TOKEN.
			""";

	/** Width the descriptions are wrapped to. */
	private static final int WIDTH = 100;

	private static final int COLUMN = 34;

	private Usage() {
	}

	static String text() {
		StringBuilder text = new StringBuilder(HEAD);
		Map<String, String> descriptions = SettingsList.descriptions();
		List<SettingsList.Setting> settings = new ArrayList<>(SettingsList.all());
		settings.add(0, SettingsList.CONFIG);
		for (SettingsList.Setting setting : settings) {
			String usage = "  " + setting.name() + "=" + setting.placeholder();
			String description = descriptions.getOrDefault(setting.name(), "");
			if (setting.defaultValue() != null && !setting.defaultValue().isEmpty()) {
				description += " (default " + setting.defaultValue() + ")";
			}
			text.append(usage);
			int column = usage.length();
			if (column >= COLUMN) {
				text.append('\n');
				column = 0;
			}
			text.append(" ".repeat(COLUMN - column));
			column = COLUMN;
			for (String word : description.split("\\s+")) {
				if (column + word.length() + 1 > WIDTH && column > COLUMN) {
					text.append('\n').append(" ".repeat(COLUMN));
					column = COLUMN;
				}
				else if (column > COLUMN) {
					text.append(' ');
					column++;
				}
				text.append(word);
				column += word.length();
			}
			text.append('\n');
		}
		text.append("\nExit codes:\n");
		for (ExitCode exit : ExitCode.values()) {
			text.append("  ").append(exit.code()).append("  ").append(exit.meaning()).append('\n');
		}
		return text.toString();
	}

	/** One line: this build's version, and the Java and Spring Boot it runs on. */
	static String version() {
		Properties build = new Properties();
		try (InputStream in = Usage.class.getResourceAsStream("/application.properties")) {
			if (in != null) {
				build.load(in);
			}
		}
		catch (IOException ex) {
			// the version is then unknown, said below
		}
		return "bgm-batch " + build.getProperty("bgm-batch.version", "(version unknown)") + " (Java "
				+ Runtime.version().feature() + ", Spring Boot " + SpringBootVersion.getVersion() + ")";
	}

}
