package bgmbatch.media;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program with a deadline and captures its output. Both streams are
 * drained on their own threads, because a program that fills one pipe while we read the
 * other would otherwise block forever.
 */
public final class CommandRunner {

	/** Keep only the end of stderr: ffmpeg can print megabytes, the cause is at the end. */
	private static final int STDERR_TAIL = 4000;

	/** Where the JDK's process launcher looks when PATH is not set. */
	private static final String DEFAULT_PATH = "/bin:/usr/bin";

	/**
	 * Checks that a program is on the PATH, as the process launcher would find it, without
	 * running it: starting ffmpeg or ffprobe only to ask its version took 0.2-0.3 s each at
	 * every start, measured on 2 cores. (The check never asked more of a program than that
	 * it could be started.)
	 * @throws MissingToolException when it is not there
	 */
	public void requireInstalled(String program) {
		String path = System.getenv("PATH");
		for (String folder : (path != null ? path : DEFAULT_PATH).split(File.pathSeparator)) {
			Path candidate = Path.of(folder.isEmpty() ? "." : folder, program);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return;
			}
		}
		throw new MissingToolException(program, null);
	}

	public CommandResult run(List<String> command, Duration timeout) {
		Process process;
		try {
			process = new ProcessBuilder(command).start();
			// the programs must never wait for input
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			throw new MissingToolException(command.get(0), ex);
		}
		CompletableFuture<byte[]> stdout = drain(process.getInputStream());
		CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				return new CommandResult(-1, "", "timed out after " + timeout.toSeconds() + " s", true);
			}
			return new CommandResult(process.exitValue(), text(stdout.join()), tail(text(stderr.join())), false);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command.get(0), ex);
		}
	}

	private static CompletableFuture<byte[]> drain(InputStream in) {
		return CompletableFuture.supplyAsync(() -> {
			try (in) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				in.transferTo(out);
				return out.toByteArray();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, runnable -> new Thread(runnable, "process-drain").start());
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String tail(String text) {
		return text.length() <= STDERR_TAIL ? text : text.substring(text.length() - STDERR_TAIL);
	}

	/**
	 * @param exitCode the program's exit code, -1 when it timed out
	 * @param stdout everything it printed on stdout
	 * @param stderr the end of what it printed on stderr
	 * @param timedOut whether it was killed at the deadline
	 */
	public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

		public boolean ok() {
			return this.exitCode == 0 && !this.timedOut;
		}

		/** The last non-blank line of stderr: usually the one a person needs. */
		public String lastErrorLine() {
			String[] lines = this.stderr.strip().split("\\R");
			return lines.length == 0 || lines[lines.length - 1].isBlank() ? "exit code " + this.exitCode
					: lines[lines.length - 1].strip();
		}

	}

}
