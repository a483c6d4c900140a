package bgmbatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The command line: an optional command ({@link #COMMANDS}; running the manifest when
 * there is none), {@code name=value} settings (each the Spring property
 * {@code bgm.name}), and {@code --help}. Spring's own {@code --name=value} form passes
 * through unchanged.
 *
 * @param help whether usage was asked for
 * @param springArguments the arguments in the form Spring reads
 * @param command the command, {@code run} when none was given
 */
public record Arguments(boolean help, List<String> springArguments, String command) {

	/** Every setting a user may give; anything else is a mistake worth stopping for. */
	static final Set<String> SETTINGS = Set.of("manifest", "output", "engine", "concurrency", "force", "state-dir",
			"format", "item-retries", "ffmpeg-timeout", "progress", "quiet", "heartbeat", "report-waveforms",
			"dry-run", "explain", "music-library", "max-height", "true-peak", "allow-private-urls",
			"allow-http-urls", "report-url");

	/** Groups of settings given as {@code group.name=value}. */
	static final Set<String> SETTING_GROUPS = Set.of("nemo.", "s3.", "remote.");

	static final String RUN = "run";

	/** The commands besides running a manifest: for the morning after. */
	static final Set<String> COMMANDS = Set.of(RUN, "jobs", "status", "abandon", "retry-skipped");

	public static Arguments parse(String[] args) {
		List<String> spring = new ArrayList<>();
		boolean help = false;
		String command = null;
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
				help = true;
			}
			else if (arg.startsWith("--")) {
				spring.add(arg);
			}
			else if (arg.indexOf('=') < 0 && command == null && COMMANDS.contains(arg.toLowerCase(Locale.ROOT))) {
				command = arg.toLowerCase(Locale.ROOT);
			}
			else {
				int equals = arg.indexOf('=');
				if (equals <= 0) {
					Optional<String> meant = NearMiss.suggest(arg.toLowerCase(Locale.ROOT), COMMANDS);
					throw new UsageException(meant.map((m) -> "unknown command '" + arg + "'; did you mean '" + m + "'?")
						.orElse("'" + arg + "' is not a command or a setting; settings look like name=value, "
								+ "e.g. manifest=videos.csv; commands are " + sorted(COMMANDS)));
				}
				String name = arg.substring(0, equals).strip().toLowerCase(Locale.ROOT).replace('_', '-');
				if (!SETTINGS.contains(name) && SETTING_GROUPS.stream().noneMatch(name::startsWith)) {
					Optional<String> meant = NearMiss.suggest(name, SETTINGS);
					throw new UsageException(meant.map((m) -> "unknown setting '" + name + "'; did you mean '" + m + "'?")
						.orElse("unknown setting '" + name + "'; the settings are " + sorted(SETTINGS)));
				}
				checkValue(name, arg.substring(equals + 1));
				spring.add("--bgm." + name + "=" + arg.substring(equals + 1));
			}
		}
		return new Arguments(help, List.copyOf(spring), command == null ? RUN : command);
	}

	/** The value given for a setting on this command line, if any (the last one wins, as in Spring). */
	public Optional<String> setting(String name) {
		String prefix = "--bgm." + name + "=";
		Optional<String> value = Optional.empty();
		for (String arg : this.springArguments) {
			if (arg.startsWith(prefix)) {
				value = Optional.of(arg.substring(prefix.length()));
			}
		}
		return value;
	}

	/** Values worth checking before Spring starts: a wrong one is then one line, not a bean-creation trace. */
	private static void checkValue(String name, String value) {
		if (name.equals("true-peak")) {
			double dbtp;
			try {
				dbtp = Double.parseDouble(value.strip());
			}
			catch (NumberFormatException ex) {
				dbtp = Double.NaN;
			}
			if (!(dbtp >= -9 && dbtp <= 0)) {
				throw new UsageException("true-peak must be a ceiling in dBTP between -9 and 0 (e.g. true-peak=-1 for"
						+ " EBU R128, -2 for lossy delivery), not '" + value + "'");
			}
		}
	}

	private static String sorted(Set<String> words) {
		return String.join(", ", words.stream().sorted().toList());
	}

}
