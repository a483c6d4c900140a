package bgmbatch.report;

import static bgmbatch.report.Html.esc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.media.CommandRunner;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes report.html, for the person who reads it over coffee: the job as a whole, then
 * what needs attention, the timeline of the runs, and a card per delivered item. One
 * self-contained page (inline CSS, pictures as data: URIs, a few lines of script to sort
 * and filter), streamed from the ledger, with pictures for the first {@code maxPictures}
 * delivered and problem items only and at most {@link #MAX_ITEMS} items listed, so a job
 * of any size gives a page that opens quickly.
 */
public final class HtmlReport {

	static final String FILE = "report.html";

	/** Items listed on the page; report.csv lists every one. */
	static final int MAX_ITEMS = 20_000;

	/** Items needing attention shown as cards; the rest are counted. */
	static final int MAX_ATTENTION = 1_000;

	private static final Log logger = LogFactory.getLog(HtmlReport.class);

	private static final String CSS = Html.resource("report.css");

	private static final String SCRIPT = Html.resource("report.js");

	private final Ledger ledger;

	private final CommandRunner runner;

	private final int maxPictures;

	private final int painters;

	/**
	 * @param maxPictures how many delivered items (and how many problem items) get pictures
	 * @param painters how many items have their pictures drawn at once
	 */
	public HtmlReport(Ledger ledger, CommandRunner runner, int maxPictures, int painters) {
		this.ledger = ledger;
		this.runner = runner;
		this.maxPictures = Math.max(0, maxPictures);
		this.painters = Math.max(1, painters);
	}

	/**
	 * Starts a page: the report's pass over the ledger hands it every item
	 * ({@link Page#collect}), then {@link Page#write} writes it.
	 */
	Page begin(Path outputFolder) {
		return new Page(outputFolder);
	}

	/**
	 * A page in the making. While the report passes over the ledger it queues the pictures of
	 * the first delivered and the first problem items (drawn on other threads meanwhile),
	 * keeps the items that need attention (listed first, whatever their manifest order) and
	 * the timeline's spans; writing it then takes one more pass, for the delivered items.
	 */
	final class Page implements AutoCloseable {

		private final Path folder;

		private final Pictures pictures;

		private final Map<String, CompletableFuture<Pictures.ItemPictures>> drawn = new HashMap<>();

		private final Map<ItemStatus, List<ItemReport>> attention = new HashMap<>();

		private final Timeline.Collector timeline = new Timeline.Collector();

		private int deliveredPictures;

		private int problemPictures;

		private Page(Path folder) {
			this.folder = folder;
			this.pictures = new Pictures(HtmlReport.this.runner, HtmlReport.this.painters);
		}

		void collect(LedgerItem item, ItemReport report) {
			if (report.delivered() && this.deliveredPictures < HtmlReport.this.maxPictures) {
				this.deliveredPictures++;
				this.drawn.put(item.id(), this.pictures.delivered(report, this.folder));
			}
			else if (!report.delivered() && this.problemPictures < HtmlReport.this.maxPictures) {
				this.problemPictures++;
				this.drawn.put(item.id(), this.pictures.input(report, this.folder));
			}
			if (report.needsAttention()) {
				List<ItemReport> group = this.attention.computeIfAbsent(item.status(), (s) -> new ArrayList<>());
				if (group.size() < MAX_ATTENTION) {
					group.add(report);
				}
			}
			this.timeline.add(item);
		}

		/** Writes the page aside and renames it, so a reader never sees half a report. */
		Path write(String jobKey, JobFacts job, RunSummary summary, Times times) throws IOException {
			long started = System.nanoTime();
			Path part = ReportWriter.partOf(this.folder, FILE);
			// the file's own stream is a resource of its own: a writer whose last flush fails (a full
			// disk) does not close the file under it, and an open file keeps its disk busy
			try (OutputStream file = Files.newOutputStream(part);
					Writer out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
				writePage(out, jobKey, job, summary, times);
			}
			catch (IOException | RuntimeException ex) {
				// a full disk, say: no half page is left behind in the output folder
				Files.deleteIfExists(part);
				throw ex;
			}
			Path html = this.folder.resolve(FILE);
			Files.move(part, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			logger.info(String.format(java.util.Locale.ROOT, "report.html: pictures of %d item(s), written in %.1f s",
					this.drawn.size(), (System.nanoTime() - started) / 1e9));
			return html;
		}

		private void writePage(Writer out, String jobKey, JobFacts job, RunSummary summary, Times times)
				throws IOException {
			out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
					+ "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>"
					+ esc(fileName(job.manifest())) + ": bgm-batch report</title><style>" + CSS
					+ "</style></head><body>\n");
			new JobHeader(job, summary, times).write(out);
			out.write("<main class=\"wrap\">\n");
			attention(out, this.attention, job, summary, this.drawn, this.folder);
			new TimelineHtml(job, times).write(out, this.timeline.timeline());
			delivered(out, jobKey, job, summary, this.drawn, this.folder);
			out.write("</main>\n<footer class=\"wrap\">Written by bgm-batch on "
					+ esc(times.dayAndTime(java.time.Instant.now())) + " (" + esc(times.zoneName())
					+ "). Every item, with all its fields, is in report.csv and report.json beside this page."
					+ "</footer>\n<script>" + SCRIPT + "</script>\n</body></html>\n");
		}

		@Override
		public void close() {
			this.pictures.close();
		}

	}

	/** Failed first, then skipped, then not reached, then delivered with a warning; each in manifest order. */
	private void attention(Writer out, Map<ItemStatus, List<ItemReport>> groups, JobFacts job, RunSummary summary,
			Map<String, CompletableFuture<Pictures.ItemPictures>> drawn, Path folder) throws IOException {
		int count = summary.failed() + summary.skipped() + summary.pending() + summary.warned();
		out.write("<section id=\"attention\"><h2>Needs attention <span class=\"count\">" + Html.count(count)
				+ "</span></h2>");
		if (count == 0) {
			out.write("<p class=\"note\">Nothing: every item was delivered as asked.</p></section>\n");
			return;
		}
		out.write("<div class=\"cards\">");
		ItemCards cards = new ItemCards(job, folder);
		int listed = 0;
		for (ItemStatus status : List.of(ItemStatus.FAILED, ItemStatus.SKIPPED, ItemStatus.PENDING,
				ItemStatus.DELIVERED)) {
			for (ItemReport item : groups.getOrDefault(status, List.of())) {
				if (listed++ < MAX_ATTENTION) {
					cards.attention(out, item, status == ItemStatus.DELIVERED ? null : picture(drawn, item.id()));
				}
			}
		}
		out.write("</div>");
		if (count > MAX_ATTENTION) {
			out.write("<p class=\"note\">… and " + Html.plural(count - MAX_ATTENTION, "more item", "more items")
					+ " needing attention: see report.csv.</p>");
		}
		out.write("</section>\n");
	}

	private void delivered(Writer out, String jobKey, JobFacts job, RunSummary summary,
			Map<String, CompletableFuture<Pictures.ItemPictures>> drawn, Path folder) throws IOException {
		out.write("<section id=\"delivered\"><h2>Delivered <span class=\"count\">" + Html.count(summary.delivered())
				+ "</span></h2>");
		if (summary.delivered() == 0) {
			out.write("<p class=\"note\">No item was delivered yet.</p></section>\n");
			return;
		}
		if (summary.delivered() > this.maxPictures) {
			out.write("<p class=\"lead\">Pictures are drawn for the first " + Html.count(this.maxPictures) + " of "
					+ Html.count(summary.delivered()) + " delivered items (report-waveforms=N sets how many), so the"
					+ " page stays quick to open.</p>");
		}
		out.write("<div class=\"toolbar\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by name, words,"
				+ " music…\" aria-label=\"Filter the delivered items\"><select id=\"sort\" aria-label=\"Order\">"
				+ "<option value=\"line\">manifest order</option><option value=\"slowest\">slowest first</option>"
				+ "<option value=\"longest\">longest video first</option><option value=\"name\">by name</option>"
				+ "</select><output id=\"shown\"></output></div>\n<div class=\"cards\" id=\"items\">\n");
		ItemCards cards = new ItemCards(job, folder);
		int[] listed = { 0 };
		try {
			this.ledger.forEach(jobKey, (item) -> {
				if (item.status() != ItemStatus.DELIVERED || listed[0] >= MAX_ITEMS) {
					return;
				}
				listed[0]++;
				try {
					cards.delivered(out, ItemReport.of(item), picture(drawn, item.id()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		out.write("</div>");
		if (summary.delivered() > listed[0]) {
			out.write("<p class=\"note\">The first " + Html.count(listed[0]) + " of " + Html.count(summary.delivered())
					+ " delivered items are listed here; report.csv lists every one.</p>");
		}
		out.write("</section>\n");
	}

	/** The item's pictures once drawn, or null when it has none (or drawing them went wrong). */
	private static Pictures.ItemPictures picture(Map<String, CompletableFuture<Pictures.ItemPictures>> drawn,
			String id) {
		CompletableFuture<Pictures.ItemPictures> picture = drawn.get(id);
		try {
			return picture == null ? null : picture.join();
		}
		catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException ex) {
			logger.warn("no pictures for item " + id + ": " + ex.getMessage());
			return Pictures.ItemPictures.NONE;
		}
	}

	private static String fileName(String path) {
		Path name = Path.of(path).getFileName();
		return name == null ? path : name.toString();
	}

}
