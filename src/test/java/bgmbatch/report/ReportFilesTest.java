package bgmbatch.report;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** report.csv and report.json: what scripts and spreadsheets read. */
class ReportFilesTest {

	private static final String ISO_WITH_ZONE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)";

	@TempDir
	Path dir;

	@Test
	void aTextCellThatLooksLikeAFormulaIsNeutralisedAndNumbersStayNumbers() throws Exception {
		Path input = this.dir.resolve("in.mp4");
		Ledger ledger = ledgerAfterOneDelivered(
				ReportFixture.skipped(2, "=1+2", input, "=HYPERLINK(\"http://evil.example\",\"click\")", "-no file"),
				ReportFixture.skipped(3, "plus", input, "+cmd|' /C calc'!A0", "@SUM(1)"),
				ReportFixture.skipped(4, "tab", input, "\t=1", "\r=2"));

		write(ledger);

		List<CSVRecord> rows = csv();
		CSVRecord formula = rows.get(1);
		assertThat(formula.get("id")).isEqualTo("'=1+2");
		assertThat(formula.get("instruction")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
		assertThat(formula.get("reason")).isEqualTo("'-no file");
		assertThat(rows.get(2).get("instruction")).isEqualTo("'+cmd|' /C calc'!A0");
		assertThat(rows.get(2).get("reason")).isEqualTo("'@SUM(1)");
		assertThat(rows.get(3).get("instruction")).isEqualTo("'\t=1");
		assertThat(rows.get(3).get("reason")).isEqualTo("'\r=2");
		assertThat(rows.get(0).get("instruction")).as("plain text is left alone").isEqualTo("add calm music");
		String text = Files.readString(this.dir.resolve("out/report.csv"));
		assertThat(text).as("numbers are written as numbers").startsWith("id,line,video,instruction,")
			.contains("\ncalm,2,")
			.contains(",0,0,6.000,0.500,1.250,0.300,0.900,0.200,3.150,2026-");
	}

	@Test
	void everyStageHasAColumnThatParsesAsANumberAndEveryInstantHasItsZone() throws Exception {
		Path input = this.dir.resolve("in.mp4");
		Ledger ledger = ledgerAfterOneDelivered(
				ReportFixture.failed(2, "late", input, "ffmpeg could not render late.mp4"));

		write(ledger);

		List<CSVRecord> rows = csv();
		for (String stage : List.of("upload", "edit", "verify", "export", "download")) {
			assertThat(Double.parseDouble(rows.get(0).get(stage + "_seconds"))).isPositive();
		}
		assertThat(Double.parseDouble(rows.get(1).get("verify_seconds"))).isEqualTo(0.3);
		assertThat(rows.get(1).get("export_seconds")).as("a stage not reached is empty, not 0").isEmpty();
		assertThat(Double.parseDouble(rows.get(0).get("total_seconds"))).isEqualTo(3.15);
		assertThat(rows).allSatisfy((row) -> assertThat(row.get("updated_at")).matches(ISO_WITH_ZONE));
		assertThat(rows.get(0).get("updated_at")).as("written in the clock's zone").endsWith("+01:00");

		JsonNode json = new ObjectMapper().readTree(this.dir.resolve("out/report.json").toFile());
		JsonNode job = json.get("job");
		assertThat(job.get("exitCode").asInt()).isEqualTo(3);
		assertThat(job.get("exitMeaning").asText()).startsWith("finished, but some items were skipped");
		assertThat(job.get("outcome").asText()).isEqualTo("Job finished.");
		assertThat(job.get("firstStarted").asText()).isEqualTo("2026-11-29T02:00:01+01:00");
		assertThat(job.get("lastFinished").asText()).isEqualTo("2026-11-29T08:12:40+01:00");
		assertThat(job.get("runs")).hasSize(2);
		assertThat(job.get("runningSeconds").asDouble()).isEqualTo(41 * 60 - 1 + 10);
		assertThat(job.get("videoSeconds").asDouble()).isEqualTo(6.0);
		for (String field : List.of("firstStarted", "lastFinished", "reportWritten")) {
			assertThat(job.get(field).asText()).matches(ISO_WITH_ZONE);
		}
		JsonNode late = json.get("items").get(1);
		assertThat(late.get("seconds").get("verify").isNumber()).isTrue();
		assertThat(late.get("seconds").get("export").isNull()).isTrue();
		assertThat(late.get("updatedAt").asText()).matches(ISO_WITH_ZONE);
		assertThat(json.at("/totals/failed").asInt()).isEqualTo(1);
	}

	@Test
	void anItemPlannedBeforeWarningsWereRecordedApartHasThemReadFromItsPlan() throws Exception {
		Ledger ledger = ReportFixture.ledger();
		Path input = this.dir.resolve("in.mp4");
		ledger.insertIfAbsent(List.of(ReportFixture.delivered(1, "sparkly", input, this.dir.resolve("out/s.mp4"),
				"music=built-in/upbeat (mood upbeat) volume=35% fade-in=0s fade-out=3s ducking=off original=kept"
						+ " loudness=-14 LUFS video=copied warnings: not understood: \"sparkly\", \"vibes\"; several moods"
						+ " asked (calm, upbeat); used upbeat | measured: original -26.6 LUFS, final gain +12.3 dB")));

		write(ledger);

		JsonNode item = new ObjectMapper().readTree(this.dir.resolve("out/report.json").toFile()).get("items").get(0);
		assertThat(item.get("warnings")).extracting(JsonNode::asText)
			.containsExactly("not understood: \"sparkly\", \"vibes\"", "several moods asked (calm, upbeat); used upbeat");
		assertThat(csv().get(0).get("warnings"))
			.isEqualTo("not understood: \"sparkly\", \"vibes\"; several moods asked (calm, upbeat); used upbeat");
	}

	/** A ledger whose first item, calm, was delivered; then the given ones. */
	private Ledger ledgerAfterOneDelivered(LedgerItem... more) {
		Ledger ledger = ReportFixture.ledger();
		List<LedgerItem> items = new ArrayList<>();
		items.add(ReportFixture.delivered(1, "calm", this.dir.resolve("in.mp4"), this.dir.resolve("out/calm.mp4"),
				"volume=35%"));
		items.addAll(List.of(more));
		ledger.insertIfAbsent(items);
		return ledger;
	}

	private RunSummary write(Ledger ledger) throws Exception {
		return new ReportWriter(ledger, null, ReportFixture.CLOCK).write(ReportFixture.JOB, ReportFixture.twoRuns(),
				this.dir.resolve("out"));
	}

	private List<CSVRecord> csv() throws Exception {
		try (Reader in = Files.newBufferedReader(this.dir.resolve("out/report.csv"), StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
	}

}
