package bgmbatch.report;

import static bgmbatch.report.Html.esc;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import bgmbatch.ledger.ItemStatus;

/**
 * Draws the timeline of the last runs: one row per worker, one bar per item split into its
 * stages by colour, a red tick where an item failed. Each row is an inline SVG stretched to
 * the page's width, so it fits a phone and a wide screen alike and prints sharp.
 */
final class TimelineHtml {

	/** Runs drawn, newest first: a morning rerun should not hide the night. */
	static final int MAX_RUNS = 3;

	/** The SVG's width in its own units: a tenth of a unit is finer than any screen's pixel. */
	private static final double WIDTH = 1000;

	private static final long[] TICK_SECONDS = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
			10800, 21600, 43200, 86400 };

	private final JobFacts job;

	private final Times times;

	TimelineHtml(JobFacts job, Times times) {
		this.job = job;
		this.times = times;
	}

	void write(Writer out, Timeline timeline) throws IOException {
		out.write("<section id=\"timeline\"><h2>Timeline</h2>");
		if (timeline.isEmpty()) {
			out.write("<p class=\"note\">No item did any work in these runs.</p></section>\n");
			return;
		}
		out.write("<p class=\"lead\">One row per worker, one bar per item, coloured by stage: a long bar is a slow item,"
				+ " a gap is a worker with nothing to do."
				+ (timeline.estimated() ? " Some items were worked on before the ledger recorded who did each"
						+ " stage and when: their rows and starts are estimated from their stage times." : "")
				+ "</p>");
		List<JobFacts.Run> runs = this.job.runs();
		int drawn = 0;
		for (int i = runs.size() - 1; i >= 0 && drawn < MAX_RUNS; i--) {
			List<Span> spans = timeline.within(runs.get(i));
			if (!spans.isEmpty()) {
				run(out, runs.get(i), i + 1, runs.size(), spans);
				drawn++;
			}
		}
		out.write("<ul class=\"legend\">");
		for (int stage = 0; stage < ReportWriter.TIMED.size(); stage++) {
			out.write("<li><i class=\"s" + stage + "\"></i>" + esc(this.job.word(ReportWriter.TIMED.get(stage)))
					+ "</li>");
		}
		out.write("<li><i class=\"fail\"></i>failed or skipped there</li></ul></section>\n");
	}

	private void run(Writer out, JobFacts.Run run, int number, int of, List<Span> spans) throws IOException {
		Instant start = run.started();
		Instant end = run.finished();
		for (Span span : spans) {
			end = span.end().isAfter(end) ? span.end() : end;
		}
		double seconds = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
		Map<String, List<Span>> rows = Timeline.rows(spans);
		out.write("<figure class=\"run\"><figcaption>" + (of > 1 ? "Run " + number + " of " + of + " · " : "")
				+ esc(this.times.dayAndTime(start)) + " to " + esc(this.times.sameDayTime(end, start)) + " · "
				+ Times.words(seconds) + " · " + Html.plural(rows.size(), "row", "rows") + "</figcaption>");
		Map<String, String> labels = Timeline.labels(rows.keySet());
		for (Map.Entry<String, List<Span>> row : rows.entrySet()) {
			out.write("<div class=\"lane\"><span title=\"" + esc(row.getKey()) + "\">" + esc(labels.get(row.getKey()))
					+ "</span><svg viewBox=\"0 0 " + (int) WIDTH + " 10\" preserveAspectRatio=\"none\" role=\"img\""
					+ " aria-label=\"" + esc(labels.get(row.getKey())) + "\">");
			for (List<Span> item : byItem(row.getValue()).values()) {
				bar(out, item, start, seconds);
			}
			out.write("</svg></div>");
		}
		axis(out, seconds);
		out.write("</figure>\n");
	}

	/** One item's stages, a white line where it starts, a red one where it stopped without an output. */
	private void bar(Writer out, List<Span> item, Instant start, double seconds) throws IOException {
		Span first = item.get(0);
		Span last = item.get(item.size() - 1);
		double total = 0;
		for (Span span : item) {
			total += span.seconds();
		}
		StringBuilder svg = new StringBuilder("<g><title>").append(esc(first.item())).append(": ")
			.append(Times.words(total));
		if (last.result() == ItemStatus.FAILED || last.result() == ItemStatus.SKIPPED) {
			svg.append(", ").append(last.result().name().toLowerCase(Locale.ROOT)).append(" at ")
				.append(esc(this.job.word(last.stage())));
		}
		svg.append("</title>");
		for (Span span : item) {
			double x = x(span.start(), start, seconds);
			double w = Math.max(0.1, x(span.end(), start, seconds) - x);
			svg.append("<rect class=\"s").append(ReportWriter.TIMED.indexOf(span.stage())).append("\" x=\"")
				.append(Html.decimal(x)).append("\" y=\"0\" width=\"").append(Html.decimal(w))
				.append("\" height=\"10\"/>");
		}
		String startX = Html.decimal(x(first.start(), start, seconds));
		svg.append("<line class=\"sep\" x1=\"").append(startX).append("\" x2=\"").append(startX)
			.append("\" y1=\"0\" y2=\"10\" vector-effect=\"non-scaling-stroke\"/>");
		if (last.result() == ItemStatus.FAILED || last.result() == ItemStatus.SKIPPED) {
			String endX = Html.decimal(x(last.end(), start, seconds));
			svg.append("<line class=\"fail\" x1=\"").append(endX).append("\" x2=\"").append(endX)
				.append("\" y1=\"0\" y2=\"10\" vector-effect=\"non-scaling-stroke\"/>");
		}
		out.write(svg.append("</g>").toString());
	}

	private static double x(Instant at, Instant start, double seconds) {
		return Math.max(0, Math.min(WIDTH, Duration.between(start, at).toMillis() / 1000.0 / seconds * WIDTH));
	}

	/** Four or five ticks at a round step, labelled with the time since the run started. */
	private static void axis(Writer out, double seconds) throws IOException {
		long step = TICK_SECONDS[TICK_SECONDS.length - 1];
		for (long candidate : TICK_SECONDS) {
			if (candidate * 4 >= seconds) {
				step = candidate;
				break;
			}
		}
		List<String> ticks = new ArrayList<>();
		for (long t = 0; t <= seconds; t += step) {
			ticks.add("<span style=\"left:" + Html.decimal(t / seconds * 100) + "%\">" + elapsed(t) + "</span>");
		}
		if (ticks.size() > 1 && seconds - (ticks.size() - 1) * step < step / 2.0) {
			// the last tick would crowd the end label
			ticks.remove(ticks.size() - 1);
		}
		ticks.add("<span style=\"left:100%\">" + elapsed(Math.round(seconds)) + "</span>");
		out.write("<div class=\"axis\">" + String.join("", ticks) + "</div>");
	}

	private static String elapsed(long seconds) {
		return seconds >= 3600 ? "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60)
				: "%d:%02d".formatted(seconds / 60, seconds % 60);
	}

	private static Map<String, List<Span>> byItem(List<Span> spans) {
		Map<String, List<Span>> items = new LinkedHashMap<>();
		for (Span span : spans) {
			items.computeIfAbsent(span.item(), (id) -> new ArrayList<>()).add(span);
		}
		return items;
	}

}
