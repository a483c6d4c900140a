package bgmbatch.report;

import java.util.Locale;

import bgmbatch.engine.Stage;

/**
 * What a person can do about an item that needs attention, in one sentence. Read from
 * where the item stands and its reason; the first rule that fits wins.
 */
final class Advice {

	private Advice() {
	}

	static String of(ItemReport item, JobFacts job) {
		String reason = item.reason().toLowerCase(Locale.ROOT);
		String manifest = job.manifest();
		return switch (item.status()) {
			case PENDING -> "The job stopped before this item. Run the same command again to continue.";
			case FAILED -> failed(reason, job.word(item.stage()));
			case SKIPPED -> skipped(item, reason, manifest);
			case DELIVERED -> "Delivered; the words in the warning were left out. If they mattered, reword the"
					+ " instruction on line " + item.line() + " (explain=true shows how it is read) and run the manifest"
					+ " again.";
		};
	}

	private static String failed(String reason, String stage) {
		if (reason.contains("no space left")) {
			return "Free some disk space in the output folder, then run the same command again: it resumes at "
					+ stage + ".";
		}
		if (reason.contains("credits") || reason.contains("plan limit")) {
			return "Top up the account or raise the plan, then run the same command again.";
		}
		return "Run the same command again: it retries this item from " + stage
				+ ". If it fails the same way twice, the reason above names what to fix.";
	}

	private static String skipped(ItemReport item, String reason, String manifest) {
		boolean fileProblem = reason.contains("does not exist") || reason.contains("is empty")
				|| reason.contains("cannot be read") || reason.contains("not readable");
		if (fileProblem && item.stage() == Stage.UPLOAD) {
			return "Put the file in place (or correct line " + item.line() + " of the manifest), then run"
					+ " retry-skipped manifest=" + manifest + " and the same command again.";
		}
		if (reason.contains("instruction") || reason.contains("asks for nothing")) {
			return "Reword the instruction on line " + item.line() + "; a changed manifest runs as a new job.";
		}
		if (reason.startsWith("the music")) {
			return "Use another music file on line " + item.line() + " (or leave the column empty for a built-in"
					+ " track); a changed manifest runs as a new job.";
		}
		if (item.stage() == Stage.UPLOAD) {
			return "Check that the video on line " + item.line() + " plays and export it again if not, then run"
					+ " retry-skipped manifest=" + manifest + " and the same command again.";
		}
		// retry-skipped re-checks only items skipped on their way in; a later refusal needs another row
		return "Check that the video on line " + item.line() + " plays and export it again if not; a changed"
				+ " manifest runs as a new job.";
	}

}
