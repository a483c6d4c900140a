package bgmbatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line: {@code name=value} settings (each the Spring property
 * {@code bgm.name}), and {@code --help}. Spring's own {@code --name=value} form passes
 * through unchanged.
 *
 * @param help whether usage was asked for
 * @param springArguments the arguments in the form Spring reads
 */
public record Arguments(boolean help, List<String> springArguments) {

	/** Every setting a user may give; anything else is a mistake worth stopping for. */
	static final Set<String> SETTINGS = Set.of("manifest", "output", "engine", "concurrency", "force", "state-dir",
			"format", "item-retries", "ffmpeg-timeout", "explain", "music-library", "max-height");

	public static Arguments parse(String[] args) {
		List<String> spring = new ArrayList<>();
		boolean help = false;
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
				help = true;
			}
			else if (arg.startsWith("--")) {
				spring.add(arg);
			}
			else {
				int equals = arg.indexOf('=');
				if (equals <= 0) {
					throw new UsageException("'" + arg + "' is not a setting; settings look like name=value, e.g. manifest=videos.csv");
				}
				String name = arg.substring(0, equals).strip().toLowerCase(Locale.ROOT).replace('_', '-');
				if (!SETTINGS.contains(name) && !name.startsWith("nemo.")) {
					throw new UsageException("unknown setting '" + name + "'; the settings are "
							+ String.join(", ", SETTINGS.stream().sorted().toList()));
				}
				spring.add("--bgm." + name + "=" + arg.substring(equals + 1));
			}
		}
		return new Arguments(help, spring);
	}

}
