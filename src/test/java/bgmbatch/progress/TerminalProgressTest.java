package bgmbatch.progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

	@Test
	void drawsTheOverallBarAndALinePerWorkerWithTheItemInFlight() {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		TerminalProgress progress = new TerminalProgress(2, new PrintStream(screen, true, StandardCharsets.UTF_8),
				() -> 80);
		progress.begin(3, 1);
		progress.stageStarted("street", "uploading");
		progress.stageFinished("street");
		progress.stageStarted("street", "editing");
		progress.stageStarted("bars", "editing");
		progress.redraw();
		progress.leftBehind("bars", "editing", true, "no");
		progress.redraw();
		progress.close();

		String drawn = screen.toString(StandardCharsets.UTF_8);
		assertThat(drawn).contains("2/3 items").contains("1 skipped");
		assertThat(drawn).containsPattern("worker 1  street: editing \\(\\d+s\\)").contains("worker 2  idle");
		assertThat(drawn).as("each line is erased before it is written").contains("\u001b[2K  worker 2  idle");
	}

	@Test
	void aDisplayClosedAfterOneJobDrawsTheNextFromAFreshStart() {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		TerminalProgress progress = new TerminalProgress(1, new PrintStream(screen, true, StandardCharsets.UTF_8),
				() -> 80);
		progress.begin(1, 0);
		progress.stageStarted("first", "uploading");
		progress.close();
		screen.reset();

		progress.begin(1, 0);
		progress.stageStarted("second", "uploading");
		progress.redraw();
		progress.close();

		assertThat(screen.toString(StandardCharsets.UTF_8)).contains("worker 1  second: uploading");
	}

	@Test
	void aLineIsCutToTheColumnsAsTheTerminalCountsThemAndKeepsItsColoursClosed() {
		assertThat(LiveScreen.fit("abcdef", 4)).isEqualTo("abcd");
		assertThat(LiveScreen.fit("背景音乐x", 5)).as("a CJK character takes two columns").isEqualTo("背景");
		assertThat(LiveScreen.fit("\u001b[33mabcdef", 3)).isEqualTo("\u001b[33mabc\u001b[0m");
		assertThat(LiveScreen.fit("ab\u001b[2Jcd\u001b[1Aef", 10)).as("no cursor move or erase gets through")
			.isEqualTo("abcdef");
	}

}
