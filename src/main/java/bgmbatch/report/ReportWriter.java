package bgmbatch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import bgmbatch.engine.RowNotes;
import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.Ledger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes report.csv and report.json (for scripts) and report.html (for people) into the
 * output folder from the ledger, streaming, so a job of any size fits. Each file is
 * written aside and renamed, so a reader never sees half a report.
 */
public final class ReportWriter {

	private static final Log logger = LogFactory.getLog(ReportWriter.class);

	/** The stages that take time, in order: one column each in the CSV, one field each in the JSON. */
	static final List<Stage> TIMED = List.of(Stage.UPLOAD, Stage.EDIT, Stage.VERIFY, Stage.EXPORT, Stage.DOWNLOAD);

	static final List<String> CSV_HEADER = csvHeader();

	private final Ledger ledger;

	private final HtmlReport html;

	private final Clock clock;

	private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

	public ReportWriter(Ledger ledger) {
		this(ledger, null, Clock.systemDefaultZone());
	}

	/** Also writes report.html, when {@code html} is given; instants are written in the clock's zone. */
	public ReportWriter(Ledger ledger, HtmlReport html, Clock clock) {
		this.ledger = ledger;
		this.html = html;
		this.clock = clock;
	}

	/**
	 * Writes the reports and returns the job's summary.
	 * @param jobKey the job in the ledger
	 * @param job what the job decided about itself (outcome, exit code, runs)
	 * @param outputFolder where the reports go
	 */
	public RunSummary write(String jobKey, JobFacts job, Path outputFolder) throws IOException {
		return write(jobKey, job, outputFolder, List.of());
	}

	/**
	 * The same, with the manifest's columns the job does not use ({@code notes}...): each
	 * becomes a CSV column under its own name, just before the four sound measurements (which
	 * stay last), and a {@code notes} object in each JSON item.
	 * @param noteColumns those columns' names in the manifest's order
	 */
	public RunSummary write(String jobKey, JobFacts job, Path outputFolder, List<String> noteColumns)
			throws IOException {
		Files.createDirectories(outputFolder);
		Times times = new Times(this.clock.getZone());
		RunSummary.Tally tally = new RunSummary.Tally();
		Path csvPart = partOf(outputFolder, "report.csv");
		Path jsonPart = partOf(outputFolder, "report.json");
		RunSummary summary;
		try (HtmlReport.Page page = this.html == null ? null : this.html.begin(outputFolder)) {
			// one pass over the ledger for all three reports: on 100 000 items each pass costs seconds
			// each file's stream is a resource of its own: a writer whose last flush fails (a full disk)
			// does not close the file under it
			try (OutputStream csvFile = Files.newOutputStream(csvPart);
					Writer csvOut = new BufferedWriter(new OutputStreamWriter(csvFile, StandardCharsets.UTF_8));
					CSVPrinter csv = CSVFormat.DEFAULT.builder()
						.setHeader(csvHeader(noteColumns).toArray(String[]::new))
						.get()
						.print(csvOut);
					OutputStream jsonOut = Files.newOutputStream(jsonPart);
					JsonGenerator gen = this.json.getFactory().createGenerator(jsonOut, JsonEncoding.UTF8)) {
				gen.useDefaultPrettyPrinter();
				gen.writeStartObject();
				gen.writeArrayFieldStart("items");
				IOException[] failure = { null };
				this.ledger.forEach(jobKey, (item) -> {
					ItemReport report = ItemReport.of(item);
					tally.add(report);
					if (page != null) {
						page.collect(item, report);
					}
					try {
						Map<String, String> notes = RowNotes.decode(item.handles().get(WorkItem.NOTES));
						csv.printRecord(csvRecord(report, times, noteColumns, notes));
						writeItem(gen, report, times, notes);
					}
					catch (IOException ex) {
						failure[0] = ex;
					}
				});
				if (failure[0] != null) {
					throw failure[0];
				}
				gen.writeEndArray();
				// the job and its totals are known only now, so they follow the items
				summary = tally.summary(job.manifest(), job.engine(), job.outcome());
				writeJob(gen, job, summary, times);
				gen.writeEndObject();
			}
			catch (IOException | RuntimeException ex) {
				// a full disk, say: no half report is left behind in the output folder
				Files.deleteIfExists(csvPart);
				Files.deleteIfExists(jsonPart);
				throw ex;
			}
			Files.move(csvPart, outputFolder.resolve("report.csv"), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			Files.move(jsonPart, outputFolder.resolve("report.json"), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			if (page != null) {
				try {
					page.write(jobKey, job, summary, times);
				}
				catch (IOException | RuntimeException ex) {
					// the CSV and JSON reports are in place; a missing page must not hide them
					logger.warn("cannot write report.html into " + outputFolder + ": " + ex.getMessage(), ex);
				}
			}
		}
		return summary;
	}

	/**
	 * Removes the report files a killed run left half-written. Called under the output
	 * folder's run lock, so no other run is writing them; a run that finds nothing to do
	 * writes no report, so without this a kill during the last report would leave its
	 * {@code .part} files for good.
	 */
	public static void removeUnfinished(Path outputFolder) throws IOException {
		for (String name : List.of("report.csv", "report.json", HtmlReport.FILE)) {
			Files.deleteIfExists(partOf(outputFolder, name));
		}
	}

	static Path partOf(Path folder, String name) {
		return folder.resolve("." + name + ".part");
	}

	private void writeJob(JsonGenerator gen, JobFacts job, RunSummary summary, Times times) throws IOException {
		gen.writeObjectFieldStart("job");
		gen.writeStringField("manifest", job.manifest());
		gen.writeStringField("engine", job.engine());
		gen.writeStringField("outcome", job.outcome());
		gen.writeStringField("status", job.status());
		gen.writeNumberField("exitCode", job.exitCode());
		gen.writeStringField("exitMeaning", job.exitMeaning());
		gen.writeStringField("firstStarted", times.iso(job.firstStarted()));
		gen.writeStringField("lastFinished", times.iso(job.lastFinished()));
		gen.writeFieldName("wallSeconds");
		gen.writeNumber(number(job.wallSeconds()));
		gen.writeFieldName("runningSeconds");
		gen.writeNumber(number(job.runningSeconds()));
		gen.writeFieldName("videoSeconds");
		gen.writeNumber(number(summary.videoSeconds()));
		gen.writeFieldName("speed");
		if (job.runningSeconds() > 0) {
			gen.writeNumber(number(summary.videoSeconds() / job.runningSeconds()));
		}
		else {
			gen.writeNull();
		}
		gen.writeNumberField("credits", summary.credits());
		gen.writeArrayFieldStart("runs");
		for (JobFacts.Run run : job.runs()) {
			gen.writeStartObject();
			gen.writeNumberField("execution", run.execution());
			gen.writeStringField("started", times.iso(run.started()));
			gen.writeStringField("finished", times.iso(run.finished()));
			gen.writeFieldName("seconds");
			gen.writeNumber(number(run.seconds()));
			gen.writeStringField("status", run.status());
			gen.writeEndObject();
		}
		gen.writeEndArray();
		gen.writeStringField("reportWritten", times.iso(this.clock.instant()));
		gen.writeEndObject();
		gen.writeObjectFieldStart("totals");
		gen.writeNumberField("total", summary.total());
		gen.writeNumberField("delivered", summary.delivered());
		gen.writeNumberField("skipped", summary.skipped());
		gen.writeNumberField("failed", summary.failed());
		gen.writeNumberField("pending", summary.pending());
		gen.writeNumberField("warned", summary.warned());
		gen.writeEndObject();
	}

	private static void writeItem(JsonGenerator gen, ItemReport item, Times times, Map<String, String> notes)
			throws IOException {
		gen.writeStartObject();
		gen.writeStringField("id", item.id());
		gen.writeNumberField("line", item.line());
		gen.writeStringField("video", item.video());
		gen.writeStringField("instruction", item.instruction());
		gen.writeStringField("music", item.music());
		gen.writeStringField("result", item.result());
		gen.writeStringField("stage", item.stage().stepName());
		gen.writeStringField("reason", item.reason());
		gen.writeArrayFieldStart("warnings");
		for (String warning : item.warnings()) {
			gen.writeString(warning);
		}
		gen.writeEndArray();
		gen.writeStringField("plan", item.plan().text());
		gen.writeStringField("output", item.output());
		gen.writeNumberField("attempts", item.attempts());
		gen.writeNumberField("credits", item.credits());
		gen.writeFieldName("videoSeconds");
		writeNumberOrNull(gen, item.videoSeconds());
		gen.writeObjectFieldStart("seconds");
		for (Stage stage : TIMED) {
			gen.writeFieldName(stage.stepName());
			writeNumberOrNull(gen, item.seconds().get(stage));
		}
		gen.writeEndObject();
		gen.writeFieldName("totalSeconds");
		gen.writeNumber(number(item.totalSeconds()));
		gen.writeStringField("updatedAt", times.iso(item.updatedAt()));
		gen.writeObjectFieldStart("notes");
		for (Map.Entry<String, String> note : notes.entrySet()) {
			gen.writeStringField(note.getKey(), note.getValue());
		}
		gen.writeEndObject();
		gen.writeFieldName("targetLufs");
		writeNumberOrNull(gen, item.targetLufs());
		gen.writeFieldName("integratedLufs");
		writeNumberOrNull(gen, item.integratedLufs());
		gen.writeFieldName("truePeakDbtp");
		writeNumberOrNull(gen, item.truePeakDbtp());
		gen.writeFieldName("loudnessRangeLu");
		writeNumberOrNull(gen, item.loudnessRangeLu());
		gen.writeEndObject();
	}

	private static void writeNumberOrNull(JsonGenerator gen, Double value) throws IOException {
		if (value == null) {
			gen.writeNull();
		}
		else {
			gen.writeNumber(number(value));
		}
	}

	/** Every text cell through {@link CsvCells}; numbers as numbers, an empty cell for a stage not reached. */
	private static List<Object> csvRecord(ItemReport item, Times times, List<String> noteColumns,
			Map<String, String> notes) {
		List<Object> cells = new ArrayList<>(CSV_HEADER.size() + noteColumns.size());
		cells.add(CsvCells.text(item.id()));
		cells.add(item.line());
		cells.add(CsvCells.text(item.video()));
		cells.add(CsvCells.text(item.instruction()));
		cells.add(CsvCells.text(item.music()));
		cells.add(item.result());
		cells.add(item.stage().stepName());
		cells.add(CsvCells.text(item.reason()));
		cells.add(CsvCells.text(String.join("; ", item.warnings())));
		cells.add(CsvCells.text(item.plan().text()));
		cells.add(CsvCells.text(item.output()));
		cells.add(item.attempts());
		cells.add(item.credits());
		cells.add(item.videoSeconds() == null ? null : number(item.videoSeconds()));
		for (Stage stage : TIMED) {
			Double seconds = item.seconds().get(stage);
			cells.add(seconds == null ? null : number(seconds));
		}
		cells.add(number(item.totalSeconds()));
		cells.add(times.iso(item.updatedAt()));
		for (String column : noteColumns) {
			cells.add(CsvCells.text(notes.getOrDefault(column, "")));
		}
		for (Double value : Arrays.asList(item.targetLufs(), item.integratedLufs(), item.truePeakDbtp(),
				item.loudnessRangeLu())) {
			cells.add(value == null ? null : number(value));
		}
		return cells;
	}

	/** Milliseconds are plenty, and a plain decimal (never 1.0E-4) reads as a number everywhere. */
	private static BigDecimal number(double value) {
		return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
	}

	/** The header with the manifest's note columns before the four sound measurements. */
	private static List<String> csvHeader(List<String> noteColumns) {
		List<String> header = new ArrayList<>(CSV_HEADER);
		header.addAll(header.size() - 4, noteColumns);
		return header;
	}

	private static List<String> csvHeader() {
		List<String> header = new ArrayList<>(List.of("id", "line", "video", "instruction", "music", "result", "stage",
				"reason", "warnings", "plan", "output", "attempts", "credits", "video_seconds"));
		for (Stage stage : TIMED) {
			header.add(stage.stepName() + "_seconds");
		}
		header.add("total_seconds");
		header.add("updated_at");
		// last, so the columns before them keep their places for scripts written against older reports
		header.addAll(List.of("target_lufs", "integrated_lufs", "true_peak_dbtp", "loudness_range_lu"));
		return List.copyOf(header);
	}

}
