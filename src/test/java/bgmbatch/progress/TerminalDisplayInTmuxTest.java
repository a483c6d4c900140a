package bgmbatch.progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import bgmbatch.support.RequiredTool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The live display in a real terminal: tmux runs {@link LiveDisplayScript} in a window of
 * a given width, and the test reads the screen as a person would see it at each
 * checkpoint. Every line must be exactly what it says now, with nothing left over from a
 * longer line drawn there before, and the last screen must hold the finished bar and the
 * summary only.
 */
class TerminalDisplayInTmuxTest {

	@TempDir
	Path dir;

	private Path socket;

	private Path tmux;

	@AfterEach
	void stopTmux() throws Exception {
		if (this.socket != null && Files.exists(this.socket)) {
			run(List.of(this.tmux.toString(), "-S", this.socket.toString(), "kill-server"), 10);
		}
	}

	@ParameterizedTest(name = "{0} columns")
	@ValueSource(ints = { 60, 80, 160 })
	void everyLineShowsOnlyWhatItSaysNowAndTheLastScreenIsClean(int columns) throws Exception {
		this.tmux = RequiredTool.find("apt-get install tmux", "tmux");
		this.socket = this.dir.resolve("tmux.sock");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String command = String.join(" ", quote(java), "-cp", quote(System.getProperty("java.class.path")),
				LiveDisplayScript.class.getName(), quote(this.socket.toString()), "2>" + quote(this.dir + "/err.txt"));
		// from a script: tmux refuses a command longer than its message size, and the class path is longer
		Path script = Files.writeString(this.dir.resolve("display.sh"), command + "\n");
		run(List.of(this.tmux.toString(), "-S", this.socket.toString(), "-f", "/dev/null", "new-session", "-d", "-x",
				String.valueOf(columns), "-y", "30", "sh " + quote(script.toString())), 30);

		List<String> busy = screenAt("busy", columns);
		assertThat(busy).allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(columns));
		assertThat(busy).anySatisfy((line) -> assertThat(line).startsWith("0/5 items │").endsWith("│ 0% · no estimate yet"));
		assertThat(busy).anySatisfy((line) -> assertThat(line).matches("  worker 1  idlefile-with-a-long-name: uploading \\(\\d+s\\)"));
		assertThat(busy).anySatisfy((line) -> assertThat(line).startsWith("  worker 2  a-clip-with-a-name-long")
			.hasSize(columns - 1));

		List<String> shorter = screenAt("shorter", columns);
		assertThat(shorter).as("the warning went above the display, once").containsOnlyOnce("WARN the disk is 91% full");
		assertThat(shorter).anySatisfy((line) -> assertThat(line).isEqualTo("  worker 1  idle"));
		assertThat(shorter).anySatisfy((line) -> assertThat(line).matches("  worker 2  x: rendering \\(\\d+s\\)"));
		assertThat(shorter).anySatisfy((line) -> assertThat(line)
			// the time left shows once a second of the run has passed: on a fast machine it may not have
			.matches("1/5 items │.*│ 20% · 1 delivered · (about \\S+ left|no estimate yet)"));
		assertThat(String.join("\n", shorter)).doesNotContain("idlefile", "a-clip-with", "(0s)s)", "s))");

		List<String> last = screenAt("final", columns);
		String screen = String.join("\n", last);
		assertThat(screen).doesNotContain("worker", "downloading", "idle", "uploading", "rendering");
		// four of five are done; the fifth was still under way when the job stopped
		assertThat(last).filteredOn((line) -> line.startsWith("4/5 items")).singleElement()
			.asString().contains("80% · 3 delivered · 1 skipped");
		assertThat(screen).contains("WARN the disk is 91% full\n4/5 items")
			.containsPattern("4/5 items [^\n]*\n\nJob finished\\.\n  3 delivered, 1 skipped, 0 failed \\(of 5\\)$");
	}

	/** Waits for the script to reach a checkpoint, reads the screen, lets the script go on. */
	private List<String> screenAt(String checkpoint, int columns) throws Exception {
		if (!run(List.of(this.tmux.toString(), "-S", this.socket.toString(), "wait-for", checkpoint), 60)) {
			fail("the display never reached '" + checkpoint + "'; its screen:\n" + capture() + "\nstderr:\n"
					+ (Files.exists(this.dir.resolve("err.txt")) ? Files.readString(this.dir.resolve("err.txt")) : ""));
		}
		List<String> lines = capture();
		Path shot = Path.of("target", "screens");
		Files.createDirectories(shot);
		Files.write(shot.resolve("terminal-" + columns + "-" + checkpoint + ".txt"), lines,
				StandardCharsets.UTF_8);
		run(List.of(this.tmux.toString(), "-S", this.socket.toString(), "wait-for", "-S", checkpoint + "-read"), 10);
		return lines;
	}

	/** The pane's text as shown, trailing blanks cut, trailing empty lines dropped. */
	private List<String> capture() throws IOException, InterruptedException {
		Process capture = new ProcessBuilder(this.tmux.toString(), "-S", this.socket.toString(), "capture-pane", "-p",
				"-t", "0").redirectErrorStream(true).start();
		String text = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		capture.waitFor(10, TimeUnit.SECONDS);
		List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	private static boolean run(List<String> command, int seconds) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return false;
		}
		return process.exitValue() == 0;
	}

	private static String quote(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

}
