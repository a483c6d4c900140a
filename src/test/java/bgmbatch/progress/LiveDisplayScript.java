package bgmbatch.progress;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Drives the live display through a night in miniature, inside a terminal that tmux keeps
 * for {@link TerminalDisplayInTmuxTest}. At each checkpoint it redraws, tells the test
 * (tmux {@code wait-for -S NAME}) and waits until the test has read the screen
 * ({@code wait-for NAME-read}), so the test looks at a known moment without polling.
 */
public final class LiveDisplayScript {

	private final String socket;

	private LiveDisplayScript(String socket) {
		this.socket = socket;
	}

	public static void main(String[] args) throws Exception {
		new LiveDisplayScript(args[0]).run();
	}

	private void run() throws Exception {
		PrintStream console = System.out;
		TerminalProgress display = new TerminalProgress(2, console, new TerminalWidth());
		display.begin(5, 0);
		String longName = "a-clip-with-a-name-long-enough-to-run-past-the-edge-of-any-terminal-"
				+ "x".repeat(150);
		display.stageStarted("idlefile-with-a-long-name", "uploading");
		display.stageStarted(longName, "editing");
		checkpoint(display, "busy");

		display.stageFinished("idlefile-with-a-long-name");
		display.delivered(longName, "long.mp4", 3.2);
		display.stageStarted("x", "rendering");
		// a warning logged to the console while the block is up
		System.out.println("WARN the disk is 91% full");
		checkpoint(display, "shorter");

		display.delivered("x", "x.mp4", 1.0);
		display.leftBehind("idlefile-with-a-long-name", "editing", true, "not a video");
		display.stageStarted("last", "downloading");
		display.stageStarted("stuck", "downloading");
		display.redraw();
		display.delivered("last", "last.mp4", 2.0);
		// "stuck" is still downloading when the job stops: the final screen must not say so
		display.close();
		System.out.println();
		System.out.println("Job finished.");
		System.out.println("  3 delivered, 1 skipped, 0 failed (of 5)");
		checkpoint(null, "final");
	}

	private void checkpoint(TerminalProgress display, String name) throws IOException, InterruptedException {
		if (display != null) {
			display.redraw();
		}
		System.out.flush();
		tmux("wait-for", "-S", name);
		tmux("wait-for", name + "-read");
	}

	private void tmux(String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("tmux", "-S", this.socket));
		command.addAll(List.of(args));
		new ProcessBuilder(command).inheritIO().start().waitFor();
	}

}
