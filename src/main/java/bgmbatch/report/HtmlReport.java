package bgmbatch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import bgmbatch.engine.StageWords;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

/**
 * Writes report.html: one self-contained page (inline CSS, pictures as data: URIs, no
 * network) with the totals and a row per item. Streamed from the ledger row by row, so
 * a job of 100k items never sits in memory; only the first {@code maxWaveforms}
 * delivered items get a waveform, and the page says so.
 */
public final class HtmlReport {

	static final String FILE = "report.html";

	private static final String CSS = """
			body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
			h1{font-size:1.4em;margin:0 0 .3em}
			.totals span{display:inline-block;margin:0 1.2em .8em 0;padding:.2em .6em;border-radius:4px;background:#eee}
			.totals .delivered{background:#d9f2dd}.totals .skipped{background:#fff1c7}.totals .failed{background:#f9d5d3}
			table{border-collapse:collapse;width:100%}
			th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
			th{background:#f4f4f4;position:sticky;top:0}
			td.plan{font-family:monospace;font-size:12px;min-width:18em;max-width:30em;overflow-wrap:anywhere}
			td.seconds{white-space:pre-line;font-variant-numeric:tabular-nums}
			tr.skipped td.result{color:#8a6100}tr.failed td.result{color:#b3261e}tr.delivered td.result{color:#1e7b34}
			.note{color:#666}
			""" + "img.wave{display:block;width:" + Waveforms.WIDTH + "px;height:" + Waveforms.HEIGHT + "px}";

	private final Ledger ledger;

	private final Waveforms waveforms;

	private final int maxWaveforms;

	private final StageWords words;

	/** @param words the engine's words for its stages, which the page uses */
	public HtmlReport(Ledger ledger, Waveforms waveforms, int maxWaveforms, StageWords words) {
		this.ledger = ledger;
		this.waveforms = waveforms;
		this.maxWaveforms = Math.max(0, maxWaveforms);
		this.words = words;
	}

	/** Writes the page aside and renames it, so a reader never sees half a report. */
	public Path write(String jobKey, Map<String, Object> header, RunSummary summary, Path outputFolder)
			throws IOException {
		Files.createDirectories(outputFolder);
		Path part = outputFolder.resolve(".report.html.part");
		try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
			out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
			out.write("<title>bgm-batch report</title><style>" + CSS + "</style></head><body>\n");
			out.write("<h1>bgm-batch report</h1>\n<p>" + esc(summary.outcome()) + "</p>\n<p class=\"note\">");
			for (Map.Entry<String, Object> fact : header.entrySet()) {
				if (!"outcome".equals(fact.getKey())) {
					out.write(esc(fact.getKey()) + ": " + esc(String.valueOf(fact.getValue())) + "<br>");
				}
			}
			out.write("</p>\n<p class=\"totals\">");
			total(out, "total", summary.total());
			total(out, "delivered", summary.delivered());
			total(out, "skipped", summary.skipped());
			total(out, "failed", summary.failed());
			if (summary.pending() > 0) {
				total(out, "not reached", summary.pending());
			}
			out.write("</p>\n");
			if (summary.delivered() > this.maxWaveforms) {
				out.write("<p class=\"note\">Waveforms are drawn for the first " + this.maxWaveforms + " of "
						+ summary.delivered() + " delivered items only, to keep this page small.</p>\n");
			}
			out.write("<table id=\"items\"><thead><tr><th>id</th><th>input</th><th>instruction</th><th>plan</th>"
					+ "<th>engine</th><th>seconds per stage</th><th>result</th><th>reason</th><th>output</th>"
					+ "<th>credits</th><th>mixed audio</th></tr></thead>\n<tbody>\n");
			String engine = String.valueOf(header.getOrDefault("engine", ""));
			Map<String, CompletableFuture<Optional<byte[]>>> pictures = drawWaveforms(jobKey, outputFolder);
			try {
				this.ledger.forEach(jobKey, (item) -> {
					try {
						row(out, item, engine, outputFolder, pictures);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
			catch (UncheckedIOException ex) {
				throw ex.getCause();
			}
			out.write("</tbody></table>\n</body></html>\n");
		}
		Path html = outputFolder.resolve(FILE);
		Files.move(part, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return html;
	}

	/**
	 * Starts drawing the waveforms of the first delivered items, one ffmpeg per core at a
	 * time: drawn one after another they kept a finished batch waiting for seconds.
	 */
	private Map<String, CompletableFuture<Optional<byte[]>>> drawWaveforms(String jobKey, Path outputFolder) {
		Map<String, CompletableFuture<Optional<byte[]>>> pictures = new HashMap<>();
		if (this.maxWaveforms == 0) {
			return pictures;
		}
		ExecutorService painters = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		this.ledger.forEach(jobKey, (item) -> {
			if (item.status() == ItemStatus.DELIVERED && pictures.size() < this.maxWaveforms) {
				pictures.put(item.id(), CompletableFuture.supplyAsync(() -> Files.isRegularFile(item.output())
						? this.waveforms.picture(item.output(), outputFolder) : Optional.<byte[]>empty(), painters));
			}
		});
		// the pool's threads end once the queued pictures are drawn
		painters.shutdown();
		return pictures;
	}

	private void row(Writer out, LedgerItem item, String engine, Path outputFolder,
			Map<String, CompletableFuture<Optional<byte[]>>> pictures) throws IOException {
		String result = item.status().name().toLowerCase(Locale.ROOT);
		boolean delivered = item.status() == ItemStatus.DELIVERED;
		out.write("<tr class=\"" + result + "\" data-id=\"" + esc(item.id()) + "\"><td>" + esc(item.id()) + "</td><td>"
				+ esc(item.video().getFileName().toString()) + "</td><td>" + esc(item.instruction()) + "</td>"
				+ "<td class=\"plan\">" + esc(item.plan() == null ? "" : item.plan()) + "</td><td>" + esc(engine)
				+ "</td><td class=\"seconds\">" + esc(timings(item.timings())) + "</td><td class=\"result\">" + result
				+ (delivered ? "" : " while " + this.words.of(item.stage())) + "</td><td>"
				+ esc(item.lastError() == null ? "" : item.lastError()) + "</td><td>");
		if (delivered) {
			String link = relativeLink(outputFolder, item.output());
			out.write("<a href=\"" + esc(link) + "\">" + esc(item.output().getFileName().toString()) + "</a>");
		}
		out.write("</td><td>" + item.credits() + "</td><td>");
		CompletableFuture<Optional<byte[]>> picture = pictures.get(item.id());
		if (delivered && picture != null) {
			Optional<byte[]> png = picture.join();
			if (png.isPresent()) {
				out.write("<img class=\"wave\" alt=\"waveform of " + esc(item.id()) + "\" src=\"data:image/png;base64,"
						+ Base64.getEncoder().encodeToString(png.get()) + "\">");
			}
			else {
				out.write("<span class=\"note\">no waveform (output unreadable)</span>");
			}
		}
		out.write("</td></tr>\n");
	}

	/** A link from report.html to the output; URL-escaped path segments, relative when the output is below the folder. */
	static String relativeLink(Path folder, Path output) {
		Path target = output.toAbsolutePath().normalize();
		Path base = folder.toAbsolutePath().normalize();
		String path = target.startsWith(base) ? base.relativize(target).toString() : target.toUri().toString();
		if (!target.startsWith(base)) {
			return path;
		}
		StringBuilder link = new StringBuilder();
		for (String segment : path.split("/")) {
			if (!link.isEmpty()) {
				link.append('/');
			}
			link.append(java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return link.toString();
	}

	private String timings(Map<String, Double> timings) {
		StringBuilder text = new StringBuilder();
		ItemReport.seconds(timings, this.words)
			.forEach((stage, seconds) -> text.append(text.isEmpty() ? "" : "\n")
				.append(stage)
				.append(' ')
				.append(String.format(Locale.ROOT, "%.1f", seconds)));
		return text.toString();
	}

	private static void total(Writer out, String label, int count) throws IOException {
		out.write("<span class=\"" + label.replace(' ', '-') + "\">" + count + " " + label + "</span>");
	}

	static String esc(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
