package bgmbatch.progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import bgmbatch.engine.Stage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

	@Test
	void drawsTheOverallBarAndALinePerLaneWithTheItemInFlight() {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		TerminalProgress progress = new TerminalProgress(2, new PrintStream(screen, true, StandardCharsets.UTF_8));
		progress.begin(3, 1);
		progress.stageStarted("street", Stage.UPLOAD);
		progress.stageFinished("street", Stage.UPLOAD);
		progress.stageStarted("street", Stage.EDIT);
		progress.stageStarted("bars", Stage.EDIT);
		progress.leftBehind("bars", Stage.EDIT, true, "no");
		progress.close();

		String drawn = screen.toString(StandardCharsets.UTF_8);
		assertThat(drawn).contains("items").contains("2/3");
		assertThat(drawn).containsPattern("lane 1  street: editing \\(\\d+s\\)").contains("lane 2  idle");
		assertThat(drawn).as("bars are stacked with cursor moves").contains("\u001b[");
	}

	@Test
	void aDisplayClosedAfterOneJobDrawsTheNextFromAFreshStart() {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		TerminalProgress progress = new TerminalProgress(1, new PrintStream(screen, true, StandardCharsets.UTF_8));
		progress.begin(1, 0);
		progress.stageStarted("first", Stage.UPLOAD);
		progress.close();
		screen.reset();

		progress.begin(1, 0);
		progress.stageStarted("second", Stage.UPLOAD);
		progress.close();

		assertThat(screen.toString(StandardCharsets.UTF_8)).contains("lane 1  second: uploading");
	}

}
