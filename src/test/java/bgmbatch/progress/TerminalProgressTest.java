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
		TerminalProgress progress = new TerminalProgress(2, new PrintStream(screen, true, StandardCharsets.UTF_8));
		progress.begin(3, 1);
		progress.stageStarted("street", "uploading");
		progress.stageFinished("street");
		progress.stageStarted("street", "editing");
		progress.stageStarted("bars", "editing");
		progress.leftBehind("bars", "editing", true, "no");
		progress.close();

		String drawn = screen.toString(StandardCharsets.UTF_8);
		assertThat(drawn).contains("items").contains("2/3");
		assertThat(drawn).containsPattern("worker 1  street: editing \\(\\d+s\\)").contains("worker 2  idle");
		assertThat(drawn).as("bars are stacked with cursor moves").contains("\u001b[");
	}

	@Test
	void aDisplayClosedAfterOneJobDrawsTheNextFromAFreshStart() {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		TerminalProgress progress = new TerminalProgress(1, new PrintStream(screen, true, StandardCharsets.UTF_8));
		progress.begin(1, 0);
		progress.stageStarted("first", "uploading");
		progress.close();
		screen.reset();

		progress.begin(1, 0);
		progress.stageStarted("second", "uploading");
		progress.close();

		assertThat(screen.toString(StandardCharsets.UTF_8)).contains("worker 1  second: uploading");
	}

}
