package bgmbatch.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A clean stop on SIGTERM (systemd, {@code kill}) or SIGINT (Ctrl-C). The JVM runs its
 * shutdown hooks on either and then exits with 143 or 130; this hook holds that exit
 * until the run has stopped: no worker starts another stage, the stages in progress
 * commit (the next safe point), the job is recorded as stopped and its claims let go, the
 * context closes. Stages still running after {@link #GRACE_SECONDS} are abandoned: their
 * programs (ffmpeg, ffprobe) are killed, which fails the stage without counting against
 * the item, and part files are removed. The next run resumes every item at its stage.
 * <p>
 * Spring Boot's own shutdown hook is off ({@code BgmBatchApplication}): it would close
 * the database under the workers while they commit.
 */
public final class StopOnSignal implements AutoCloseable {

	/**
	 * How long stages in progress may take to reach their next safe point. A local stage
	 * is seconds; a cloud export can take minutes and is resumed, not repeated, after an
	 * abandon. With the abandon, the stop stays within the ~20 s an operator waits after
	 * Ctrl-C, well inside systemd's default 90 s stop timeout.
	 */
	static final int GRACE_SECONDS = 12;

	/**
	 * After the abandon: workers fail their stage at once, the job records its end, writes
	 * its reports and closes. The report page draws a picture per item, several seconds on
	 * a loaded machine, hence more than the workers need.
	 */
	static final int ABANDON_SECONDS = 8;

	private static final Log logger = LogFactory.getLog(StopOnSignal.class);

	private final PrintStream console;

	private final Thread hook = new Thread(this::stop, "stop-on-signal");

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile RunStop run;

	private StopOnSignal(PrintStream console) {
		this.console = console;
	}

	/** Installs the hook; {@link #close()} after the run's context has closed. */
	public static StopOnSignal install(PrintStream console) {
		StopOnSignal signals = new StopOnSignal(console);
		Runtime.getRuntime().addShutdownHook(signals.hook);
		return signals;
	}

	/** The run to stop: until it is known (the context is starting) a signal ends the process at once. */
	public void watch(RunStop run) {
		this.run = run;
	}

	/** The run and its context have ended: a signal from now on ends the process at once. */
	@Override
	public void close() {
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: this hook is running and has just been released
		}
	}

	private void stop() {
		RunStop target = this.run;
		if (target == null || this.finished.getCount() == 0) {
			return;
		}
		this.console.println("Stopping on request: no new stage starts, the ones in progress finish (or are abandoned"
				+ " in " + GRACE_SECONDS + " s); run the same command again to resume.");
		target.stopNow();
		try {
			if (this.finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
				return;
			}
			target.abandon();
			this.finished.await(ABANDON_SECONDS, TimeUnit.SECONDS);
			// the run has closed, or the JVM ends when this hook returns: nothing writes any more;
			// a render cut short is made again by the next run (a finished one too, cheaply)
			target.removePartFiles();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What a stop on request does to the run of this process. */
	public static final class RunStop {

		private final StopClaiming claims;

		private final Supplier<Path> outputFolder;

		/** @param outputFolder the run's output folder, asked only when part files are removed */
		RunStop(StopClaiming claims, Supplier<Path> outputFolder) {
			this.claims = claims;
			this.outputFolder = outputFolder;
		}

		void stopNow() {
			this.claims.stopNow();
		}

		/** Kills this process's programs (ffmpeg, ffprobe): the stages waiting on them fail at once. */
		void abandon() {
			this.claims.abandon();
			ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
		}

		/**
		 * Removes the part files an abandoned run left in the output folder (outputs cut
		 * short, and the reports' own dot-files if the JVM ends while they are written).
		 * Only this process writes there: it holds the folder's run lock.
		 */
		void removePartFiles() {
			Path folder = this.outputFolder.get();
			if (!Files.isDirectory(folder)) {
				return;
			}
			try (Stream<Path> files = Files.walk(folder)) {
				files.filter((file) -> file.getFileName().toString().endsWith(".part")).forEach(RunStop::deleteQuietly);
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("cannot remove part files from " + folder + ": " + ex.getMessage());
			}
		}

		private static void deleteQuietly(Path file) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn("cannot remove " + file + ": " + ex.getMessage());
			}
		}

	}

}
