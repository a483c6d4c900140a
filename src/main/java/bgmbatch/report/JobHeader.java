package bgmbatch.report;

import static bgmbatch.report.Html.esc;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The top of report.html: the job as a whole across all its runs, so a one-item rerun in
 * the morning still shows the night's batch. Verdict first, then the numbers, then when.
 */
final class JobHeader {

	private final JobFacts job;

	private final RunSummary summary;

	private final Times times;

	JobHeader(JobFacts job, RunSummary summary, Times times) {
		this.job = job;
		this.summary = summary;
		this.times = times;
	}

	void write(Writer out) throws IOException {
		Path manifest = Path.of(this.job.manifest());
		out.write("<header class=\"job exit-" + this.job.exitCode() + "\"><div class=\"wrap\"><p class=\"kicker\">bgm-batch report · "
				+ esc(this.job.engine()) + " engine</p><h1>"
				+ esc(manifest.getFileName() == null ? this.job.manifest() : manifest.getFileName().toString())
				+ "</h1><p class=\"path\">" + esc(this.job.manifest()) + "</p>");
		out.write("<p class=\"verdict\"><span class=\"badge\">exit " + this.job.exitCode() + "</span><strong>"
				+ esc(verdict()) + "</strong></p><p class=\"outcome\">" + esc(this.job.outcome()) + " Exit code "
				+ this.job.exitCode() + ": " + esc(this.job.exitMeaning()) + ".</p>");
		out.write("<dl class=\"stats\">");
		stat(out, "delivered", Html.count(this.summary.delivered()), this.summary.delivered());
		stat(out, "skipped", Html.count(this.summary.skipped()), this.summary.skipped());
		stat(out, "failed", Html.count(this.summary.failed()), this.summary.failed());
		if (this.summary.pending() > 0) {
			stat(out, "not reached", Html.count(this.summary.pending()), this.summary.pending());
		}
		stat(out, "video done", videoDone(), 1);
		String speed = speed();
		stat(out, "speed", speed, speed.endsWith("×") ? "real time" : "", 1);
		stat(out, "credits", Html.count(this.summary.credits()), 1);
		out.write("</dl>");
		when(out);
		out.write("</div></header>\n");
	}

	/** The one line a person reads first, from the exit code the job decided on. */
	private String verdict() {
		int delivered = this.summary.delivered();
		return switch (this.job.exitCode()) {
			case 0 -> this.summary.total() == 0 ? "Nothing to do"
					: "All " + Html.plural(delivered, "video", "videos") + " delivered";
			case 1 -> this.summary.failed() > 0 ? Html.plural(this.summary.failed(), "item", "items")
					+ " failed; " + Html.count(delivered) + " delivered" : "The run failed";
			case 3 -> "Finished: " + Html.count(delivered) + " delivered, " + Html.count(this.summary.skipped())
					+ " skipped";
			case 4 -> "Stopped for credits or plan limits; " + Html.count(delivered) + " delivered";
			default -> this.job.outcome();
		};
	}

	private String videoDone() {
		if (this.summary.videoSeconds() <= 0) {
			return this.summary.delivered() == 0 ? "none" : "not measured";
		}
		return Times.words(this.summary.videoSeconds());
	}

	private String speed() {
		double running = this.job.runningSeconds();
		if (running <= 0 || this.summary.videoSeconds() <= 0) {
			return "–";
		}
		double speed = this.summary.videoSeconds() / running;
		return String.format(Locale.ROOT, speed < 10 ? "%.1f×" : "%.0f×", speed);
	}

	private static void stat(Writer out, String name, String value, long amount) throws IOException {
		stat(out, name, value, "", amount);
	}

	/** A number in large type, its unit (if any) in small type after it. */
	private static void stat(Writer out, String name, String value, String unit, long amount) throws IOException {
		String css = name.replace(' ', '-') + (amount == 0 ? " zero" : "");
		out.write("<div class=\"" + css + "\"><dt>" + name + "</dt><dd>" + esc(value)
				+ (unit.isEmpty() ? "" : "<small> " + esc(unit) + "</small>") + "</dd></div>");
	}

	/** First start, last end, wall time; and every run when there were several. */
	private void when(Writer out) throws IOException {
		Instant first = this.job.firstStarted();
		if (first == null) {
			return;
		}
		Instant last = this.job.lastFinished();
		int runs = this.job.runs().size();
		if (runs == 1) {
			out.write("<p class=\"when\">Started <time>" + esc(this.times.dayAndTime(first)) + "</time> · ended <time>"
					+ esc(this.times.sameDayTime(last, first)) + "</time> · took "
					+ Times.words(this.job.wallSeconds()) + "</p>");
			return;
		}
		out.write("<p class=\"when\">First start <time>" + esc(this.times.dayAndTime(first))
				+ "</time> · last end <time>" + esc(this.times.sameDayTime(last, first)) + "</time> · wall time "
				+ Times.words(this.job.wallSeconds()) + ", of which " + Times.words(this.job.runningSeconds())
				+ " running, in " + runs + " runs</p>");
		out.write("<details class=\"runs\"><summary>The " + runs + " runs</summary><table><tr><th>run</th>"
				+ "<th>started</th><th>ended</th><th>took</th><th>status</th></tr>");
		int number = 1;
		for (JobFacts.Run run : this.job.runs()) {
			out.write("<tr><td>" + number++ + "</td><td>" + esc(this.times.dayAndTime(run.started())) + "</td><td>"
					+ esc(this.times.sameDayTime(run.finished(), run.started())) + "</td><td>"
					+ Times.words(run.seconds()) + "</td><td>" + esc(run.status().toLowerCase(Locale.ROOT))
					+ "</td></tr>");
		}
		out.write("</table></details>");
	}

}
