package bgmbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished process: how long it took, and what it printed.
 *
 * @param seconds from start to exit
 * @param exitCode its exit code
 * @param stdout what it printed (stderr merged in)
 * @param startedMillis the wall clock at its start
 */
record Proc(double seconds, int exitCode, String stdout, long startedMillis) {

	/** Runs a command to the end; a non-zero exit is a broken benchmark, so it throws with the output. */
	static Proc run(List<String> command, Path dir, Map<String, String> env) {
		return run(command, dir, env, true);
	}

	static Proc run(List<String> command, Path dir, Map<String, String> env, boolean mustSucceed) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
			if (env != null) {
				builder.environment().putAll(env);
			}
			long wall = System.currentTimeMillis();
			long start = System.nanoTime();
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			int code = process.waitFor();
			double seconds = (System.nanoTime() - start) / 1e9;
			String text = new String(output, StandardCharsets.UTF_8);
			if (mustSucceed && code != 0) {
				throw new IllegalStateException("command failed with exit code " + code + ": "
						+ String.join(" ", command) + "\n" + tail(text));
			}
			return new Proc(seconds, code, text, wall);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String tail(String text) {
		return text.length() < 3000 ? text : text.substring(text.length() - 3000);
	}

}
