package bgmbatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import bgmbatch.job.JobRunner;

import org.springframework.batch.core.job.JobExecution;

/**
 * How the job commands say when and how a run went: ISO-8601 instants to the second with
 * this machine's offset ({@code 2026-11-29T02:30:04+01:00}), and the product's words for
 * Spring Batch's statuses.
 */
final class RunWords {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private RunWords() {
	}

	static String time(Instant instant) {
		return instant == null ? "-"
				: ISO.format(ZonedDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()));
	}

	/** Spring Batch keeps local date-times, written in this machine's zone. */
	static String time(LocalDateTime local) {
		return local == null ? "-" : time(local.atZone(ZoneId.systemDefault()).toInstant());
	}

	/** {@code 45s}, {@code 3m05s}, {@code 2h04m}: a time in a stage, at a glance. */
	static String duration(Duration elapsed) {
		long seconds = Math.max(0, elapsed.toSeconds());
		if (seconds >= 3600) {
			return "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60);
		}
		return seconds >= 60 ? "%dm%02ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
	}

	/**
	 * One word for how an execution stands, for a column: {@code finished}, {@code failed},
	 * {@code stopped}, {@code halted}, {@code abandoned}, {@code interrupted} (marked running
	 * by a process that is gone: the caller knows no process runs it) or {@code unknown}.
	 */
	static String state(JobExecution execution) {
		return switch (execution.getStatus()) {
			case COMPLETED -> "finished";
			case FAILED -> "failed";
			case STOPPED -> JobRunner.HALTED.equals(execution.getExitStatus().getExitCode()) ? "halted" : "stopped";
			case ABANDONED -> "abandoned";
			case STARTING, STARTED, STOPPING -> "interrupted";
			case UNKNOWN -> "unknown";
		};
	}

	/** The state with what it means for the operator, for a sentence. */
	static String explained(JobExecution execution) {
		String state = state(execution);
		return switch (state) {
			case "finished" -> "finished";
			case "failed" -> "failed; the same command resumes it";
			case "halted" -> "stopped for credits or plan limits; the same command continues once resolved";
			case "stopped" -> "stopped; the same command resumes it";
			case "abandoned" -> "abandoned; the next run starts afresh, items keep their progress";
			case "interrupted" -> "interrupted: its process is gone; the same command resumes it";
			default -> "in an unknown state";
		};
	}

}
