package bgmbatch.job;

import java.time.Duration;

/**
 * A worker machine's lanes, as the {@code worker} command drives them: started once, they
 * run worker slots handed out by managers until stopped.
 */
public interface WorkerLanes {

	/** How many slots run at once. */
	int lanes();

	/** Starts serving. */
	void start();

	/**
	 * Takes no new slot, and has each running slot handed back at its next item boundary.
	 * @return whether every lane settled within the timeout
	 */
	boolean stop(Duration timeout) throws InterruptedException;

}
