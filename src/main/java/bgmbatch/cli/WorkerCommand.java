package bgmbatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import bgmbatch.job.ExitCode;
import bgmbatch.job.WorkerLanes;
import bgmbatch.settings.RunProperties;

import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * {@code worker}: serves worker slots of distributed runs until told to stop. SIGTERM (or
 * Ctrl-C) stops it cleanly: each stage in progress finishes and is committed, the slots
 * go back to the other workers, and it exits 0. The signal is handled here rather than by
 * a shutdown hook so that the stop can wait for the stages and the exit code is 0.
 */
final class WorkerCommand {

	/** Long enough for any stage to finish: a render of a long video; a second signal or SIGKILL cuts it short. */
	private static final Duration STOP_LIMIT = Duration.ofHours(6);

	private final PrintStream out;

	WorkerCommand(PrintStream out) {
		this.out = out;
	}

	/** @param start starts the worker's application */
	ExitCode run(Supplier<ConfigurableApplicationContext> start) throws InterruptedException {
		CountDownLatch stopSignal = new CountDownLatch(1);
		try (ConfigurableApplicationContext context = start.get()) {
			WorkerLanes lanes = context.getBean(WorkerLanes.class);
			Signal.handle(new Signal("TERM"), (signal) -> stopSignal.countDown());
			Signal.handle(new Signal("INT"), (signal) -> stopSignal.countDown());
			lanes.start();
			this.out.println("Worker serving " + lanes.lanes() + " lane(s) of the "
					+ context.getBean(RunProperties.class).engine() + " engine; stop it with SIGTERM or Ctrl-C.");
			stopSignal.await();
			this.out.println("Stopping: the stages in progress finish, then their slots go to the other workers.");
			boolean settled = lanes.stop(STOP_LIMIT);
			this.out.println(settled ? "Stopped." : "Stopped without waiting for every stage.");
			return ExitCode.OK;
		}
	}

}
