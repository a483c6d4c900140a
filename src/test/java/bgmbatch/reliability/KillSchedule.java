package bgmbatch.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

import bgmbatch.support.ChildJvm;
import bgmbatch.support.Orphans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a job again and again, killing each run with SIGKILL at a seeded random moment,
 * until enough kills have landed. About a third of the kills land during start-up
 * (context, database, recovery), the rest while items are worked on; each run loses up to
 * a sixth of the work, so the job still moves forward between kills.
 */
final class KillSchedule {

	/** A run that ends before its kill lands counts as a run, not a kill; past this many, something is stuck. */
	private static final int MAX_RUNS_PER_KILL = 4;

	private final Random random;

	private final long startupMillis;

	private final long workMillis;

	private final Duration runLimit;

	/**
	 * @param random the seeded source of kill moments
	 * @param startupMillis a clean run's time from start to its first line
	 * @param workMillis a clean run's time after its first line
	 * @param runLimit the longest a run may take
	 */
	private KillSchedule(Random random, long startupMillis, long workMillis, Duration runLimit) {
		this.random = random;
		this.startupMillis = startupMillis;
		this.workMillis = workMillis;
		this.runLimit = runLimit;
	}

	/**
	 * Times a clean run of the same job to learn how long start-up and work take on this
	 * machine, so the kill moments land inside them.
	 */
	static KillSchedule measuring(ChildJvm clean, Random random, Duration runLimit) throws InterruptedException {
		assertThat(clean.awaitFirstLine(runLimit)).isTrue();
		long startupMillis = clean.millisToFirstLine();
		assertThat(clean.awaitExit(runLimit)).as(clean.stderr()).isZero();
		long workMillis = Math.max(1, clean.millisSinceStart() - startupMillis);
		System.out.printf("clean run: %d ms to start, %d ms of work%n", startupMillis, workMillis);
		return new KillSchedule(random, startupMillis, workMillis, runLimit);
	}

	/**
	 * Kills runs started by {@code start} until {@code kills} kills have landed.
	 * @param orphans collects the processes a killed JVM left running (its ffmpeg)
	 * @param afterRun called with each run once it has ended, killed or not
	 * @return how many runs it took
	 */
	int run(Supplier<ChildJvm> start, int kills, Orphans orphans, Consumer<ChildJvm> afterRun)
			throws InterruptedException {
		int landed = 0;
		int runs = 0;
		while (landed < kills) {
			runs++;
			assertThat(runs).as("runs needed for %d kills", kills).isLessThanOrEqualTo(MAX_RUNS_PER_KILL * kills);
			ChildJvm run = start.get();
			boolean duringStartup = this.random.nextInt(3) == 0;
			long delay = duringStartup ? this.random.nextLong(this.startupMillis + 1)
					: this.random.nextLong(this.workMillis / 6 + 1);
			if (!duringStartup && !run.awaitFirstLine(this.runLimit)) {
				assertThat(run.awaitExit(this.runLimit)).as(run.stderr()).isZero();
				afterRun.accept(run);
				continue;
			}
			List<ProcessHandle> left = run.killAfter(delay);
			if (left == null) {
				assertThat(run.awaitExit(this.runLimit)).as("a run that ended by itself: %s", run.stderr()).isZero();
			}
			else {
				landed++;
				orphans.add(left);
				System.out.printf("kill %d: %d ms after %s (%d child processes left running)%n", landed, delay,
						duringStartup ? "start" : "the first line", left.size());
			}
			afterRun.accept(run);
		}
		return runs;
	}

}
