package bgmbatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import bgmbatch.settings.NearMiss;
import bgmbatch.settings.UsageException;

/**
 * The command line: an optional command ({@link #COMMANDS}; running the manifest when
 * there is none), {@code name=value} settings (each the Spring property
 * {@code bgm.name}; the names are {@link SettingsList}'s), {@code config=FILE},
 * {@code --help} and {@code --version}. Spring's own {@code --name=value} form passes
 * through unchanged.
 *
 * @param help whether usage was asked for
 * @param version whether the version was asked for
 * @param springArguments the arguments in the form Spring reads
 * @param command the command, {@code run} when none was given
 */
public record Arguments(boolean help, boolean version, List<String> springArguments, String command) {

	static final String RUN = "run";

	static final String WORKER = "worker";

	/** The commands besides running a manifest: for the morning after. */
	static final Set<String> COMMANDS = Set.of(RUN, "jobs", "status", "abandon", "retry-skipped", WORKER);

	public static Arguments parse(String[] args) {
		List<String> spring = new ArrayList<>();
		boolean help = false;
		boolean version = false;
		String command = null;
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
				help = true;
			}
			else if (arg.equals("--version") || arg.equals("-V") || arg.equals("version")) {
				version = true;
			}
			else if (arg.startsWith("--")) {
				spring.add(arg);
			}
			else if (arg.indexOf('=') < 0 && command == null && COMMANDS.contains(arg.toLowerCase(Locale.ROOT))) {
				command = arg.toLowerCase(Locale.ROOT);
			}
			else {
				spring.add(springArgument(arg));
			}
		}
		return new Arguments(help, version, List.copyOf(spring), command == null ? RUN : command);
	}

	/** One {@code name=value} as the Spring argument it stands for, or why it is none. */
	private static String springArgument(String arg) {
		int equals = arg.indexOf('=');
		if (equals <= 0) {
			Optional<String> meant = NearMiss.suggest(arg.toLowerCase(Locale.ROOT), COMMANDS);
			throw new UsageException(meant.map((m) -> "unknown command '" + arg + "'; did you mean '" + m + "'?")
				.orElse("'" + arg + "' is not a command or a setting; settings look like name=value, "
						+ "e.g. manifest=videos.csv; commands are " + sorted(COMMANDS)));
		}
		String name = arg.substring(0, equals).strip().toLowerCase(Locale.ROOT).replace('_', '-');
		String value = arg.substring(equals + 1);
		if (name.equals(SettingsList.CONFIG.name())) {
			return "--" + SettingsList.CONFIG.property() + "=" + ConfigFiles.locations(value);
		}
		if (!SettingsList.names().contains(name)) {
			throw new UsageException(unknown(name));
		}
		return "--bgm." + name + "=" + value;
	}

	/** Why a setting name is not one: the closest real one, or the list (of its group, for {@code nemo.x}). */
	static String unknown(String name) {
		int dot = name.indexOf('.');
		String group = dot < 0 ? "" : name.substring(0, dot + 1);
		List<String> known = SettingsList.names().stream().filter((n) -> n.startsWith(group)).sorted().toList();
		Optional<String> meant = NearMiss.suggest(name, SettingsList.names());
		if (meant.isPresent()) {
			return "unknown setting '" + name + "'; did you mean '" + meant.get() + "'?";
		}
		if (!group.isEmpty() && !known.isEmpty()) {
			return "unknown setting '" + name + "'; the " + group + "* settings are " + String.join(", ", known);
		}
		return "unknown setting '" + name + "'; the settings are "
				+ String.join(", ", known.stream().filter((n) -> n.indexOf('.') < 0).toList())
				+ " (and groups nemo.*, s3.*, remote.*; see --help)";
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

	private static String sorted(Set<String> words) {
		return String.join(", ", words.stream().sorted().toList());
	}

}
