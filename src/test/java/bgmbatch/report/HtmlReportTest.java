package bgmbatch.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.media.CommandRunner;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

	private static final String JOB = "/videos.csv#0123456789abcdef";

	/** The report speaks the engine's words: a local job's stages. */
	private static final StageWords LOCAL_WORDS = new StageWords("probing", "planning", "measuring", "rendering",
			"delivering");

	@TempDir
	Path dir;

	@Test
	void drawsWaveformsOnlyForTheFirstDeliveredItemsAndSaysSo() throws Exception {
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Path mixed = Clips.video(out.resolve("a.mp4"), 1, true);
		Files.copy(mixed, out.resolve("b.mp4"));
		Files.copy(mixed, out.resolve("c.mp4"));
		Ledger ledger = ledger();
		ledger.insertIfAbsent(List.of(delivered(1, "a"), delivered(2, "b"), delivered(3, "c"),
				new LedgerItem(JOB, "evil", 4, 5, this.dir.resolve("evil.mp4"), null, "<b>loud</b>", null,
						out.resolve("evil.mp4"), Stage.EDIT, ItemStatus.SKIPPED, null, null, null, 0,
						"instruction \"<script>alert(1)</script>\" not understood", 0, null, null, null)));
		RunSummary summary = new RunSummary("/videos.csv", "local", "Job finished.", 4, 3, 1, 0, 0, List.of());
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("manifest", "/videos.csv");
		header.put("engine", "local");

		Path html = new HtmlReport(ledger, new Waveforms(new CommandRunner()), 2, LOCAL_WORDS).write(JOB, header, summary, out);

		String page = Files.readString(html);
		assertThat(html).hasFileName("report.html");
		assertThat(Pattern.compile("src=\"data:image/png;base64,").matcher(page).results().count()).isEqualTo(2);
		assertThat(page).contains("Waveforms are drawn for the first 2 of 3 delivered items only")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;loud&lt;/b&gt;", "skipped while planning")
			.doesNotContain("<script>", "<b>loud")
			.contains("<a href=\"c.mp4\">c.mp4</a>")
			.containsPattern("data-id=\"a\".*<td class=\"seconds\">probing 0\\.5\nplanning 1\\.3</td>");
		assertThat(out).isDirectoryNotContaining("glob:**/.waveform-*").isDirectoryNotContaining("glob:**/*.part");
	}

	@Test
	void linksAreRelativeAndEscapedWhenTheOutputIsInsideTheFolder() {
		Path folder = Path.of("/srv/out");

		assertThat(HtmlReport.relativeLink(folder, Path.of("/srv/out/sub dir/a&b #1.mp4")))
			.isEqualTo("sub%20dir/a%26b%20%231.mp4");
		assertThat(HtmlReport.relativeLink(folder, Path.of("/elsewhere/x.mp4"))).isEqualTo("file:///elsewhere/x.mp4");
	}

	private LedgerItem delivered(int seq, String id) {
		return new LedgerItem(JOB, id, seq, seq + 1, this.dir.resolve(id + "-in.mp4"), "f", "add calm music", null,
				this.dir.resolve("out").resolve(id + ".mp4"), Stage.DONE, ItemStatus.DELIVERED, "volume=35%",
				Map.of(), Map.of("upload", 0.5, "edit", 1.25), 0, null, 7, null, null, null);
	}

	private static Ledger ledger() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:hsqldb:mem:html-" + UUID.randomUUID(), "SA", "");
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql")),
				dataSource);
		return new Ledger(JdbcClient.create(dataSource), new JdbcTransactionManager(dataSource));
	}

}
