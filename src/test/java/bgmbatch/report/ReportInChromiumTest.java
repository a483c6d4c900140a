package bgmbatch.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.Stage;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.media.CommandRunner;
import bgmbatch.support.Chromium;
import bgmbatch.support.Clips;
import bgmbatch.support.RecordingEngine;
import bgmbatch.support.RunHarness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.html as a person sees it, in headless Chromium: after a night whose run failed an
 * item and a morning rerun that delivered it, at a desktop's 1400 px and a phone's 390 px.
 * Screenshots of each width are kept in target/screens/ to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInChromiumTest {

	private static final Path SCREENS = Path.of("target", "screens");

	private Path dir;

	private Path output;

	@BeforeAll
	void nightAndMorning(@TempDir Path dir) throws Exception {
		this.dir = dir;
		Path clips = Files.createDirectories(dir.resolve("clips"));
		for (String name : List.of("street", "bars", "calm", "sparkly")) {
			Clips.video(clips.resolve(name + ".mp4"), 4, true);
		}
		Path manifest = dir.resolve("videos.csv");
		Files.writeString(manifest, """
				video,instruction,music,output,id
				clips/street.mp4,add upbeat background music and fade it out at the end,,,street
				clips/gone.mov,mix in calm music at 25%,,,gone
				clips/bars.mp4,"add calm music, duck under speech, fade in over 1 second",,,bars
				clips/calm.mp4,add calm background music,,,calm
				clips/sparkly.mp4,add sparkly tropical vibes music,,,sparkly
				""");
		this.output = dir.resolve("out");
		RecordingEngine engine = new RecordingEngine().failOnce("bars", Stage.EXPORT);
		RunHarness harness = new RunHarness(dir.resolve("state"), this.output).decorateEngine(engine::wrapping);

		assertThat(harness.run(manifest)).as("the night fails one item").isEqualTo(ExitCode.FAILED);
		assertThat(harness.run(manifest)).as("the morning delivers it").isEqualTo(ExitCode.SKIPPED);
	}

	@ParameterizedTest(name = "{0} px")
	@CsvSource({ "1400, false", "390, true" })
	void theReportFitsTheScreenShowsEveryPictureAndPutsProblemsFirst(int width, boolean phone) throws Exception {
		JsonNode job = new ObjectMapper().readTree(this.output.resolve("report.json").toFile()).get("job");
		try (Chromium chromium = Chromium.start(this.dir.resolve("profile-" + width))) {
			chromium.viewport(width, 900, phone);
			chromium.open(this.output.resolve("report.html"));

			assertThat(chromium.script("return window.innerWidth")).isEqualTo((long) width);
			assertThat((Long) chromium.script("return document.documentElement.scrollWidth"))
				.as("no sideways scrolling").isLessThanOrEqualTo(width);
			assertThat(chromium.script("return [...document.querySelectorAll('body *')]"
					+ ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
					+ ".map(e => e.tagName + '.' + e.className)")).as("nothing sticks out on the right")
				.asList().isEmpty();
			Object undecoded = chromium.asyncScript("const done = arguments[arguments.length - 1];"
					+ "Promise.all([...document.images].map(i => i.decode().then(() => i.naturalWidth > 0 ? null : i.alt,"
					+ " () => i.alt))).then(r => done(r.filter(x => x)))");
			assertThat(undecoded).as("images that did not decode").asList().isEmpty();
			assertThat((Long) chromium.script("return document.images.length"))
				.as("a frame and two sound pictures per delivered item, and a frame of each problem input")
				.isGreaterThanOrEqualTo(4 * 3);

			double attention = (Double) chromium.script(
					"return document.querySelector('#attention article').getBoundingClientRect().top + 0.0");
			double delivered = (Double) chromium.script(
					"return document.querySelector('#items article').getBoundingClientRect().top + 0.0");
			assertThat(attention).as("problems above delivered items").isLessThan(delivered);
			assertThat(chromium.script("return [...document.querySelectorAll('#attention article')]"
					+ ".map(a => a.dataset.id).join(' ')")).isEqualTo("gone sparkly");

			String header = (String) chromium.script("return document.querySelector('header').innerText");
			assertThat(header).as("the whole job, not only the morning's rerun")
				.contains("in 2 runs")
				.contains("Finished: 4 delivered, 1 skipped")
				.contains(Times.words(job.get("wallSeconds").asDouble()));
			assertThat(job.get("runs")).hasSize(2);
			assertThat(header).doesNotContain("execution");

			chromium.screenshot(SCREENS.resolve("report-" + width + ".png"), width, phone);
			if (!phone) {
				chromium.printToPdf(SCREENS.resolve("report-print.pdf"));
			}
		}
	}

	/**
	 * A night of 10 000 items: pictures for the first 100 delivered and the first 100
	 * problems, a card for every item. The page must stay under 20 MB; how long Chromium
	 * takes to open it is printed, not asserted (timings belong in bench/).
	 */
	@Test
	void aPageOfTenThousandItemsStaysUnderTwentyMegabytesAndOpens() throws Exception {
		Path big = Files.createDirectories(this.dir.resolve("big"));
		Ledger ledger = ReportFixture.ledger();
		Path input = this.dir.resolve("clips/street.mp4");
		Path delivered = this.output.resolve("street.mp4");
		String plan = "music=built-in/upbeat (mood upbeat) volume=35% fade-in=0s fade-out=3s ducking=off original=kept"
				+ " loudness=-14 LUFS video=copied | measured: original -26.6 LUFS, music -17.2 LUFS, music gain -18.5 dB,"
				+ " final gain +12.3 dB";
		List<LedgerItem> items = new ArrayList<>();
		for (int i = 1; i <= 10_000; i++) {
			String id = String.format(Locale.ROOT, "clip-%05d", i);
			if (i % 50 == 0) {
				items.add(ReportFixture.skipped(i, id, this.dir.resolve("clips/" + id + ".mp4"),
						"add upbeat background music and fade it out at the end",
						"the video " + this.dir.resolve("clips/" + id + ".mp4") + " does not exist"));
			}
			else {
				LedgerItem item = ReportFixture.delivered(i, id, input, delivered, plan);
				items.add(new LedgerItem(item.jobKey(), id, i, i + 1, input, "f",
						"add upbeat background music and fade it out at the end", null, delivered, Stage.DONE,
						ItemStatus.DELIVERED, item.plan(), item.handles(), item.timings(), 0, null, 0, item.updatedAt(), null,
						null));
			}
		}
		ledger.insertIfAbsent(items);
		HtmlReport html = new HtmlReport(ledger, new CommandRunner(), 100, Runtime.getRuntime().availableProcessors());
		long writing = System.nanoTime();
		new ReportWriter(ledger, html, ReportFixture.CLOCK).write(ReportFixture.JOB, ReportFixture.twoRuns(), big);
		double writeSeconds = (System.nanoTime() - writing) / 1e9;
		long bytes = Files.size(big.resolve("report.html"));

		assertThat(bytes).isLessThan(20L * 1024 * 1024);
		try (Chromium chromium = Chromium.start(this.dir.resolve("profile-big"))) {
			chromium.viewport(1400, 900, false);
			chromium.open(big.resolve("report.html"));
			@SuppressWarnings("unchecked")
			Map<String, Object> timing = (Map<String, Object>) chromium.script("const n = performance"
					+ ".getEntriesByType('navigation')[0]; return {dom: n.domContentLoadedEventEnd, load: n.loadEventEnd,"
					+ " cards: document.querySelectorAll('article').length, images: document.images.length}");
			assertThat(timing.get("cards")).isEqualTo(10_000L);
			assertThat((Long) chromium.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1400);
			String line = String.format(Locale.ROOT,
					"report.html of 10 000 items: %.1f MB, %d pictures, written in %.1f s; Chromium: DOM ready %.0f ms,"
							+ " loaded %.0f ms%n",
					bytes / 1024.0 / 1024.0, (Long) timing.get("images"), writeSeconds,
					((Number) timing.get("dom")).doubleValue(), ((Number) timing.get("load")).doubleValue());
			System.out.print(line);
			Files.createDirectories(SCREENS);
			Files.writeString(SCREENS.resolve("report-10000.txt"), line);
		}
	}

}
