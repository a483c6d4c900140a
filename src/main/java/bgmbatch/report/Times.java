package bgmbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How the reports write instants and durations: ISO-8601 with the zone for scripts, plain words for people. */
final class Times {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

	private final ZoneId zone;

	Times(ZoneId zone) {
		this.zone = zone;
	}

	/** {@code 2026-11-29T02:30:04.125+01:00}: the offset makes it one instant wherever it is read. */
	String iso(Instant instant) {
		return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).atZone(this.zone).format(ISO);
	}

	/** {@code Sun 29 Nov 2026, 02:30:04}. */
	String dayAndTime(Instant instant) {
		return instant.atZone(this.zone).format(DAY_AND_TIME);
	}

	/** The time of day alone when it is the same day as {@code day}, else the day too. */
	String sameDayTime(Instant instant, Instant day) {
		boolean sameDay = instant.atZone(this.zone).toLocalDate().equals(day.atZone(this.zone).toLocalDate());
		return sameDay ? instant.atZone(this.zone).format(TIME) : dayAndTime(instant);
	}

	String zoneName() {
		return this.zone.getId();
	}

	/** {@code 0.4 s}, {@code 12 s}, {@code 3 min 05 s}, {@code 2 h 04 min}. */
	static String words(double seconds) {
		if (seconds < 10) {
			return String.format(Locale.ROOT, "%.1f s", seconds);
		}
		long whole = Math.round(seconds);
		if (whole < 60) {
			return whole + " s";
		}
		Duration d = Duration.ofSeconds(whole);
		if (whole < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
		}
		return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
	}

}
