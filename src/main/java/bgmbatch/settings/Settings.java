package bgmbatch.settings;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

import org.springframework.util.unit.DataSize;

/**
 * The checks the settings records make of their values when they are bound. Each failure
 * is a {@link UsageException} naming the setting as it is typed ({@code name=value}), the
 * value, and what to give instead, because it is read at a terminal or in a cron mail.
 */
public final class Settings {

	private Settings() {
	}

	/** The value, lower-cased, when it is one of the allowed words; else a refusal with the closest one. */
	public static String oneOf(String name, String value, Collection<String> allowed) {
		String given = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
		if (allowed.contains(given)) {
			return given;
		}
		String choices = String.join(", ", allowed);
		throw new UsageException(NearMiss.suggest(given, allowed)
			.map((meant) -> name + "=" + value + " is not one of " + choices + "; did you mean " + name + "=" + meant + "?")
			.orElse(name + "=" + value + " is not one of " + choices + "; e.g. " + name + "=" + allowed.iterator().next()));
	}

	public static void atLeast(String name, long value, long least, String example) {
		if (value < least) {
			throw new UsageException(name + "=" + value + " is below " + least + "; e.g. " + example);
		}
	}

	public static void positive(String name, DataSize value, String example) {
		if (value == null || value.toBytes() <= 0) {
			throw new UsageException(name + "=" + (value == null ? "" : value) + " must be a positive size; e.g. " + example);
		}
	}

	public static void positive(String name, Duration value, String example) {
		if (value == null || value.isZero() || value.isNegative()) {
			String given = value == null ? "" : value.toMillis() % 1000 == 0 ? value.toSeconds() + "s" : value.toMillis() + "ms";
			throw new UsageException(name + "=" + given + " must be a positive duration; e.g. " + example);
		}
	}

}
