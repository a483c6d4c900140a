package bgmbatch.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.Plan;
import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.support.MemoryLedger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Instructions only partly understood are counted in the summary and warned about in the reports. */
class InstructionWarningsReportTest {

	private static final String JOB = "/videos.csv#0123456789abcdef";

	@TempDir
	Path dir;

	@Test
	void partlyUnderstoodInstructionsAreCountedNamedAndWarnedAboutInTheReports() throws Exception {
		Ledger ledger = MemoryLedger.create();
		List<LedgerItem> items = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			Map<String, String> handles = i == 1 ? Map.of() : Map.of(WorkItem.NOT_UNDERSTOOD, "tropical\nsolo" + i,
					WorkItem.WARNINGS, "not understood: \"tropical\", \"solo" + i + "\"\nthe fades are longer than the music");
			items.add(new LedgerItem(JOB, "item" + i, i, i + 1, this.dir.resolve(i + ".mp4"), "f", "tropical music", null,
					this.dir.resolve("out").resolve(i + ".mp4"), Stage.DONE, ItemStatus.DELIVERED, Plan.line("volume=35%"), handles,
					Map.of(), 0, null, 0, null, null, null));
		}
		ledger.insertIfAbsent(items);
		Path out = Files.createDirectories(this.dir.resolve("out"));

		RunSummary summary = new ReportWriter(ledger).write(JOB, ReportFixture.twoRuns(), out);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		new SummaryPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(summary, out);

		assertThat(summary.unclearCount()).isEqualTo(6);
		assertThat(printed.toString(StandardCharsets.UTF_8))
			.contains("6 instructions with words not understood (the rest of each was done): the first 5,")
			.contains("    item2 (line 3): \"tropical\", \"solo2\"")
			.doesNotContain("item7");
		JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
		assertThat(report.at("/items/0/warnings")).isEmpty();
		assertThat(report.at("/items/1/warnings/0").asText()).isEqualTo("not understood: \"tropical\", \"solo2\"");
		assertThat(report.at("/items/1/warnings/1").asText()).contains("fades");
		List<CSVRecord> csv = CSVFormat.DEFAULT.builder().setHeader().get()
			.parse(Files.newBufferedReader(out.resolve("report.csv"))).getRecords();
		assertThat(csv.get(1).get("warnings"))
			.isEqualTo("not understood: \"tropical\", \"solo2\"; the fades are longer than the music");
	}

}
