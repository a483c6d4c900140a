package bgmbatch.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import bgmbatch.engine.Plan;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;
import bgmbatch.media.CommandRunner;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html as text: what it says, in which order, and that it needs nothing but itself. */
class HtmlReportTest {

	private static final String PLAN = "music=built-in/calm (mood calm) volume=35% fade-in=2s fade-out=3s ducking=on"
			+ " original=kept loudness=-14 LUFS video=copied | measured: original -26.6 LUFS, music gain -18.5 dB";

	@TempDir
	Path dir;

	@Test
	void problemsComeFirstWithWhatToDoThenTheTimelineThenTheDeliveredItems() throws Exception {
		Path out = outputOfAClip();
		Path input = this.dir.resolve("in.mp4");
		Ledger ledger = ReportFixture.ledger();
		ledger.insertIfAbsent(List.of(ReportFixture.delivered(1, "a", input, out.resolve("a.mp4"), PLAN),
				ReportFixture.skipped(2, "gone", this.dir.resolve("gone.mp4"), "add music",
						"the video " + this.dir.resolve("gone.mp4") + " does not exist"),
				ReportFixture.failed(3, "late", input, "ffmpeg could not render late.mp4: No space left on device"),
				ReportFixture.notUnderstood(ReportFixture.delivered(4, "sparkly", input, out.resolve("a.mp4"),
						"volume=35% warnings: not understood: \"sparkly\""), "sparkly")));

		String page = Files.readString(write(ledger, out, 10));

		assertThat(page).containsSubsequence("id=\"attention\"", "chip failed", "late", "No space left on device",
				"What to do:</b> Free some disk space", "chip skipped", "gone", "What to do:</b> Put the file in place",
				"delivered, with a warning", "sparkly", "not understood: &quot;sparkly&quot;", "id=\"timeline\"",
				"id=\"delivered\"", "id=\"item-a\"", "id=\"item-sparkly\"");
		assertThat(page).contains("<h1>videos.csv</h1>", "Finished: 2 delivered, 1 skipped", "exit 3",
				"First start <time>Sun 29 Nov 2026, 02:00:01</time>", "last end <time>08:12:40</time>", "in 2 runs");
		assertThat(page).as("the plan as labels").contains(">♪ calm, built-in<", ">music at 35%<", ">fade in 2 s<",
				">fade out 3 s<", ">ducks under speech<", ">target −14 LUFS<", ">original −26.6 LUFS<");
		assertThat(page).as("the stages in this engine's words").contains("done in 3.2 s · probing 0.5 · planning 1.3 · measuring 0.3 · rendering 0.9 · delivering 0.2");
		assertThat(page).contains("<video controls preload=\"none\" src=\"a.mp4\" hidden>");
	}

	@Test
	void aCardsLabelsAreThoseOfThePlansPartsEscapedAndNotReadFromItsLine() throws Exception {
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Ledger ledger = ReportFixture.ledger();
		Plan plan = new Plan(
				List.of(new Plan.Part("music", "music", "<a> fade-in=9s.mp3 (from the manifest)", "♪ <a> fade-in=9s.mp3"),
						new Plan.Part("fade", "fade-in", "0s", null),
						new Plan.Part("ducking", "ducking", "on (-12 dB)", "ducks under speech")),
				List.of(), new Plan.Measured(List.of(new Plan.Group("measured", List.of("music -17.2 LUFS"))), List.of()));
		ledger.insertIfAbsent(
				List.of(ReportFixture.delivered(1, "a", this.dir.resolve("in.mp4"), out.resolve("a.mp4"), plan)));

		String page = Files.readString(write(ledger, out, 0));

		assertThat(page.substring(page.indexOf("id=\"item-a\""))).contains(
				"<li class=\"music\">♪ &lt;a&gt; fade-in=9s.mp3</li>", "<li class=\"ducking\">ducks under speech</li>",
				"<li class=\"measured\">music \u221217.2 LUFS</li>")
			.doesNotContain("fade in", "<a>");
	}

	@Test
	void picturesAreDrawnForTheFirstItemsOnlyAndThePageSaysSo() throws Exception {
		Path out = outputOfAClip();
		Path input = this.dir.resolve("in.mp4");
		Ledger ledger = ReportFixture.ledger();
		ledger.insertIfAbsent(List.of(ReportFixture.delivered(1, "a", input, out.resolve("a.mp4"), PLAN),
				ReportFixture.delivered(2, "b", input, out.resolve("a.mp4"), PLAN),
				ReportFixture.delivered(3, "c", input, out.resolve("a.mp4"), PLAN)));

		String page = Files.readString(write(ledger, out, 2));

		assertThat(count(page, "<img alt=\"A frame of a.mp4\" src=\"data:image/jpeg;base64,")).isEqualTo(2);
		assertThat(count(page, "<img alt=\"The sound before, as a waveform\" src=\"data:image/png;base64,"))
			.isEqualTo(2);
		assertThat(count(page, "<img alt=\"The sound after, as a waveform\" src=\"data:image/png;base64,"))
			.isEqualTo(2);
		assertThat(page).contains("Pictures are drawn for the first 2 of 3 delivered items")
			.contains("<article class=\"item compact\" id=\"item-c\"");
		assertThat(out).isDirectoryNotContaining("glob:**/.frame-*").isDirectoryNotContaining("glob:**/*.part");
	}

	@Test
	void theTimelineHasARowPerWorkerFromTheLedgersRecordOfEachStage() throws Exception {
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Ledger ledger = ReportFixture.ledger();
		Path input = this.dir.resolve("in.mp4");
		ledger.insertIfAbsent(List.of(
				LedgerItem.fresh(ReportFixture.JOB, "a", 1, 2, input, "f", "add music", null, out.resolve("a.mp4"),
						Map.of(), ItemStatus.PENDING, null),
				LedgerItem.fresh(ReportFixture.JOB, "b", 2, 3, input, "f", "add music", null, out.resolve("b.mp4"),
						Map.of(), ItemStatus.PENDING, null)));
		// each worker holds its item, as a worker that claimed it does: only the holder may advance an item
		ledger.claimNext(ReportFixture.JOB, "night-box:4242:1", Duration.ofMinutes(5)).orElseThrow();
		ledger.claimNext(ReportFixture.JOB, "night-box:4242:2", Duration.ofMinutes(5)).orElseThrow();
		Instant at = ReportFixture.MORNING.plusSeconds(1);
		for (Stage stage : List.of(Stage.UPLOAD, Stage.EDIT, Stage.VERIFY, Stage.EXPORT, Stage.DOWNLOAD)) {
			ledger.advance(ReportFixture.JOB, "a", StageResult.none(), new StageRun(stage, "night-box:4242:1", at,
					at.plusSeconds(1)));
			ledger.advance(ReportFixture.JOB, "b", StageResult.none(), new StageRun(stage, "night-box:4242:2", at,
					at.plusMillis(500)));
			at = at.plusSeconds(1);
		}

		String page = Files.readString(write(ledger, out, 0));

		String timeline = page.substring(page.indexOf("id=\"timeline\""), page.indexOf("id=\"delivered\""));
		assertThat(timeline).containsSubsequence("title=\"night-box:4242:1\">worker 1<", "<title>a: 5.0 s</title>",
				"title=\"night-box:4242:2\">worker 2<", "<title>b: 2.5 s</title>")
			.contains("Run 2 of 2")
			.doesNotContain("estimated", "Run 1 of 2");
	}

	@Test
	void thePageNeedsNothingButItselfAndNoTextFromAManifestBecomesMarkup() throws Exception {
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Ledger ledger = ReportFixture.ledger();
		ledger.insertIfAbsent(List.of(ReportFixture.skipped(1, "<b>id</b>", this.dir.resolve("x.mp4"),
				"<script>alert(1)</script>", "bad \"<img src=x onerror=alert(2)>\"")));

		String page = Files.readString(write(ledger, out, 10));

		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;id&lt;/b&gt;",
				"&lt;img src=x onerror=alert(2)&gt;")
			.doesNotContain("<script>alert", "<b>id", "<img src=x");
		assertThat(page).as("one script of ours, nothing fetched").containsOnlyOnce("<script>")
			.doesNotContainPattern("(src|href)=\"(https?:)?//")
			.doesNotContainPattern("url\\((https?:)?//")
			.doesNotContain("<link", "@import");
	}

	@Test
	void linksAreRelativeAndEscapedWhenTheOutputIsInsideTheFolder() {
		Path folder = Path.of("/srv/out");

		assertThat(Html.relativeLink(folder, Path.of("/srv/out/sub dir/a&b #1.mp4")))
			.isEqualTo("sub%20dir/a%26b%20%231.mp4");
		assertThat(Html.relativeLink(folder, Path.of("/elsewhere/x.mp4"))).isEqualTo("file:///elsewhere/x.mp4");
	}

	/** A 2 s clip with sound as the input, and a copy of it as the output a.mp4. */
	private Path outputOfAClip() throws Exception {
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Files.copy(Clips.video(this.dir.resolve("in.mp4"), 2, true), out.resolve("a.mp4"));
		return out;
	}

	private Path write(Ledger ledger, Path out, int pictures) throws Exception {
		HtmlReport html = new HtmlReport(ledger, new CommandRunner(), pictures, 2);
		new ReportWriter(ledger, html, ReportFixture.CLOCK).write(ReportFixture.JOB, ReportFixture.twoRuns(), out);
		return out.resolve("report.html");
	}

	private static long count(String page, String text) {
		return Pattern.compile(Pattern.quote(text)).matcher(page).results().count();
	}

}
