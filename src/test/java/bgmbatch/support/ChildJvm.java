package bgmbatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import bgmbatch.BgmBatchApplication;

import static org.assertj.core.api.Assertions.fail;

/**
 * The application in a JVM of its own, launched from the test class path (the tests run
 * before the jar is packaged), so it can be killed with SIGKILL like a cron job can.
 * Output is read on threads as it comes, so a test can wait for the first line the
 * application prints instead of polling.
 */
public final class ChildJvm {

	/**
	 * The JVM options of a quick start: C1 only, as run.sh starts the job; these runs are
	 * short, so the JIT's top tier never pays off.
	 */
	public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

	/** Lines kept per stream: enough for any message a test looks for. */
	private static final int KEPT_LINES = 500;

	private final Process process;

	private final long startNanos = System.nanoTime();

	private final CountDownLatch firstLine = new CountDownLatch(1);

	private final List<String> out = new ArrayList<>();

	private final List<String> err = new ArrayList<>();

	private final Thread outReader;

	private final Thread errReader;

	private final List<Watcher> watchers = new ArrayList<>();

	private volatile long firstLineNanos;

	private record Watcher(Predicate<String> matches, CountDownLatch latch) {
	}

	private ChildJvm(Process process) {
		this.process = process;
		this.outReader = read(process.getInputStream(), this.out, true);
		this.errReader = read(process.getErrorStream(), this.err, false);
	}

	/**
	 * Starts {@code java [jvmOptions] bgmbatch.BgmBatchApplication [args]}.
	 * @param environment changes to the inherited environment (e.g. PATH)
	 */
	public static ChildJvm start(List<String> jvmOptions, Map<String, String> environment, Path workDir, List<String> args) {
		return start(System.getProperty("java.class.path"), jvmOptions, environment, workDir, args);
	}

	/** The same from another class path (e.g. the application's classes packed into a jar). */
	public static ChildJvm start(String classPath, List<String> jvmOptions, Map<String, String> environment, Path workDir,
			List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, BgmBatchApplication.class.getName()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
		builder.environment().putAll(environment);
		try {
			return new ChildJvm(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A quick-starting JVM ({@link #QUICK_START}). */
	public static ChildJvm start(Path workDir, String... args) {
		return start(QUICK_START, Map.of(), workDir, List.of(args));
	}

	/** Waits for the first line on stdout; false when the process ended without printing one. */
	public boolean awaitFirstLine(Duration timeout) throws InterruptedException {
		if (!this.firstLine.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			fail("no output within " + timeout + "; stderr: " + stderr());
		}
		return this.firstLineNanos > 0;
	}

	/** Waits until stdout has a line containing the text; fails when the process ends or the time runs out first. */
	public void awaitOutput(String text, Duration timeout) throws InterruptedException {
		awaitLine((line) -> line.contains(text), "'" + text + "'", timeout);
	}

	/** Waits until stdout has a line matching the pattern; fails when the process ends or the time runs out first. */
	public void awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
		awaitLine((line) -> pattern.matcher(line).find(), "matching " + pattern, timeout);
	}

	private void awaitLine(Predicate<String> matches, String what, Duration timeout) throws InterruptedException {
		CountDownLatch seen = new CountDownLatch(1);
		synchronized (this.out) {
			if (this.out.stream().anyMatch(matches)) {
				return;
			}
			this.watchers.add(new Watcher(matches, seen));
		}
		if (!seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			fail("no line " + what + " within " + timeout + "; stdout: " + stdout() + "\nstderr: " + stderr());
		}
		synchronized (this.out) {
			if (this.out.stream().noneMatch(matches)) {
				fail("ended without printing a line " + what + "; stdout: " + stdout() + "\nstderr: " + stderr());
			}
		}
	}

	/** Milliseconds from start to the first line printed. */
	public long millisToFirstLine() {
		return (this.firstLineNanos - this.startNanos) / 1_000_000;
	}

	/** Waits for the process to end by itself within the timeout (else fails the test) and returns its exit code. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			String threads = threadDump();
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly().waitFor();
			fail("still running after " + timeout + "; stdout: " + stdout() + "\nstderr: " + stderr() + "\nthreads:\n"
					+ threads);
		}
		this.outReader.join();
		this.errReader.join();
		return this.process.exitValue();
	}

	/**
	 * Gives the process the given time to run, then kills it with SIGKILL (which is what
	 * {@link Process#destroyForcibly()} sends on Linux): this wait is the fault, not a poll.
	 * @return the processes it had started (ffmpeg...), which a kill -9 leaves running;
	 * or null (and no kill) when it ended by itself first
	 */
	public List<ProcessHandle> killAfter(long millis) throws InterruptedException {
		if (this.process.waitFor(millis, TimeUnit.MILLISECONDS)) {
			return null;
		}
		List<ProcessHandle> orphans = this.process.descendants().toList();
		this.process.destroyForcibly().waitFor();
		this.outReader.join();
		this.errReader.join();
		return orphans;
	}

	/**
	 * Asks the process to stop with SIGTERM, as a service manager does. Through its handle:
	 * {@link Process#destroy()} would also close our ends of its pipes, losing what it says
	 * while it stops.
	 */
	public void terminate() {
		this.process.toHandle().destroy();
	}

	/**
	 * Kills the process now with SIGKILL, if it still runs.
	 * @return the processes it had started, which a kill -9 leaves running
	 */
	public List<ProcessHandle> kill() throws InterruptedException {
		if (!this.process.isAlive()) {
			return List.of();
		}
		List<ProcessHandle> orphans = this.process.descendants().toList();
		this.process.destroyForcibly().waitFor();
		this.outReader.join();
		this.errReader.join();
		return orphans;
	}

	/** What a hung child was doing, for the failure message: a hang is a bug to diagnose, not to retry. */
	private String threadDump() {
		Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
		try {
			Process dump = new ProcessBuilder(jstack.toString(), Long.toString(this.process.pid()))
				.redirectErrorStream(true)
				.start();
			byte[] text = dump.getInputStream().readAllBytes();
			dump.waitFor(30, TimeUnit.SECONDS);
			return new String(text, StandardCharsets.UTF_8) + "\nchild processes: "
					+ this.process.descendants().map((p) -> p.info().commandLine().orElse("?")).toList();
		}
		catch (IOException | InterruptedException ex) {
			return "(no thread dump: " + ex + ")";
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	public List<ProcessHandle> descendants() {
		return this.process.descendants().toList();
	}

	public long millisSinceStart() {
		return (System.nanoTime() - this.startNanos) / 1_000_000;
	}

	public String stdout() {
		synchronized (this.out) {
			return String.join("\n", this.out);
		}
	}

	public String stderr() {
		synchronized (this.err) {
			return String.join("\n", this.err);
		}
	}

	private Thread read(InputStream stream, List<String> lines, boolean signalFirstLine) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (signalFirstLine && this.firstLineNanos == 0) {
						this.firstLineNanos = System.nanoTime();
						this.firstLine.countDown();
					}
					synchronized (lines) {
						if (lines.size() < KEPT_LINES) {
							lines.add(line);
						}
						if (signalFirstLine) {
							for (Watcher watcher : this.watchers) {
								if (watcher.matches().test(line)) {
									watcher.latch().countDown();
								}
							}
						}
					}
				}
			}
			catch (IOException ex) {
				// the process was killed mid-line: what was read is all there is
			}
			finally {
				if (signalFirstLine) {
					this.firstLine.countDown();
					synchronized (lines) {
						this.watchers.forEach((watcher) -> watcher.latch().countDown());
					}
				}
			}
		}, "child-output");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
