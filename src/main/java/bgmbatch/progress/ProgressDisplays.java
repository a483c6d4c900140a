package bgmbatch.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

import bgmbatch.settings.OperatorProperties;

/** Picks the display for this run: quiet, a live bar on a terminal, or plain lines for logs and cron. */
public final class ProgressDisplays {

	private ProgressDisplays() {
	}

	/**
	 * @param terminal whether the console is an interactive terminal that can move its cursor
	 * @param workers how many items can be in flight at once
	 */
	public static ProgressDisplay choose(OperatorProperties settings, boolean terminal, int workers, PrintStream out) {
		if (settings.quiet()) {
			return new QuietProgress();
		}
		String mode = settings.progress().strip().toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "bar" -> new TerminalProgress(workers, out, new TerminalWidth());
			case "plain" -> new PlainProgress(out, Clock.systemDefaultZone(), settings.heartbeat());
			case "auto" -> terminal ? new TerminalProgress(workers, out, new TerminalWidth())
					: new PlainProgress(out, Clock.systemDefaultZone(), settings.heartbeat());
			default -> throw new IllegalStateException("progress=" + settings.progress() + " passed the settings check");
		};
	}

}
