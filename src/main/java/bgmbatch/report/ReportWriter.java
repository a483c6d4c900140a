package bgmbatch.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import bgmbatch.engine.StageWords;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes report.csv and report.json into the output folder from the ledger, streaming,
 * so a job of any size fits. Each file is written aside and renamed, so a reader never
 * sees half a report.
 */
public final class ReportWriter {

	private static final Log logger = LogFactory.getLog(ReportWriter.class);

	static final String[] CSV_HEADER = { "id", "line", "video", "instruction", "music", "result", "stage", "reason",
			"plan", "output", "attempts", "credits", "seconds", "warnings" };

	private final Ledger ledger;

	private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

	private final HtmlReport html;

	private final StageWords words;

	/**
	 * @param html writes report.html too, when given
	 * @param words the engine's words for its stages, which the reports use
	 */
	public ReportWriter(Ledger ledger, HtmlReport html, StageWords words) {
		this.ledger = ledger;
		this.html = html;
		this.words = words;
	}

	/**
	 * Writes both reports and returns the summary.
	 * @param jobKey the job
	 * @param header facts about the run for the JSON report's "job" object
	 * @param outputFolder where the reports go
	 */
	public RunSummary write(String jobKey, Map<String, Object> header, Path outputFolder, String manifest,
			String engine, String outcome) throws IOException {
		Files.createDirectories(outputFolder);
		Path csvPart = outputFolder.resolve(".report.csv.part");
		Path jsonPart = outputFolder.resolve(".report.json.part");
		int[] counts = new int[ItemStatus.values().length];
		List<ItemReport> problems = new ArrayList<>();
		int[] unclear = { 0 };
		List<RunSummary.Unclear> unclearExamples = new ArrayList<>();
		RunSummary summary;
		try (Writer csvOut = Files.newBufferedWriter(csvPart, StandardCharsets.UTF_8);
				CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get().print(csvOut);
				OutputStream jsonOut = Files.newOutputStream(jsonPart);
				JsonGenerator gen = this.json.getFactory().createGenerator(jsonOut, JsonEncoding.UTF8)) {
			gen.useDefaultPrettyPrinter();
			gen.writeStartObject();
			gen.writeObjectField("job", header);
			gen.writeArrayFieldStart("items");
			IOException[] failure = { null };
			this.ledger.forEach(jobKey, (item) -> {
				ItemReport report = ItemReport.of(item, this.words);
				counts[item.status().ordinal()]++;
				if ((item.status() == ItemStatus.SKIPPED || item.status() == ItemStatus.FAILED)
						&& problems.size() < RunSummary.MAX_PROBLEMS) {
					problems.add(report);
				}
				List<String> words = ItemReport.notUnderstood(item);
				if (!words.isEmpty()) {
					unclear[0]++;
					if (unclearExamples.size() < RunSummary.MAX_UNCLEAR) {
						unclearExamples.add(new RunSummary.Unclear(item.id(), item.line(), words));
					}
				}
				try {
					csv.printRecord(report.id(), report.line(), report.video(), report.instruction(), report.music(),
							report.result(), report.stage(), report.reason(), report.plan(), report.output(),
							report.attempts(), report.credits(), seconds(report.seconds()), String.join("; ", report.warnings()));
					this.json.writeValue(gen, report);
				}
				catch (IOException ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
			gen.writeEndArray();
			summary = summary(manifest, engine, outcome, counts, problems).withUnclear(unclear[0], unclearExamples);
			gen.writeObjectField("totals", Map.of("total", summary.total(), "delivered", summary.delivered(),
					"skipped", summary.skipped(), "failed", summary.failed(), "pending", summary.pending()));
			gen.writeEndObject();
		}
		Files.move(csvPart, outputFolder.resolve("report.csv"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Files.move(jsonPart, outputFolder.resolve("report.json"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		if (this.html != null) {
			// a second pass over the ledger: the page shows the totals first, and they are known only now
			try {
				this.html.write(jobKey, header, summary, outputFolder);
			}
			catch (IOException | RuntimeException ex) {
				// the CSV and JSON reports are in place; a missing page must not hide them
				logger.warn("cannot write report.html into " + outputFolder + ": " + ex.getMessage(), ex);
			}
		}
		return summary;
	}

	private static RunSummary summary(String manifest, String engine, String outcome, int[] counts,
			List<ItemReport> problems) {
		int total = 0;
		for (int count : counts) {
			total += count;
		}
		return new RunSummary(manifest, engine, outcome, total, counts[ItemStatus.DELIVERED.ordinal()],
				counts[ItemStatus.SKIPPED.ordinal()], counts[ItemStatus.FAILED.ordinal()],
				counts[ItemStatus.PENDING.ordinal()], problems);
	}

	private static String seconds(Map<String, Double> timings) {
		StringBuilder text = new StringBuilder();
		timings.forEach((stage, value) -> text.append(text.isEmpty() ? "" : " ")
			.append(stage)
			.append('=')
			.append(String.format(java.util.Locale.ROOT, "%.2f", value)));
		return text.toString();
	}

}
