package bgmbatch.job;

import java.nio.file.Path;

import bgmbatch.engine.WorkItem;

/**
 * Where the workers run, and what that changes for them: threads of this process (one
 * machine, the default), or the worker slots of a worker machine, which share the job
 * with other machines.
 */
public interface Workplace {

	/**
	 * One machine: the run holds the job's lock, so every claim it finds at its start was
	 * a killed run's and is let go; nobody else works on the job while it runs.
	 */
	Workplace ONE_MACHINE = new Workplace() {

		@Override
		public boolean awaitHeldItems() {
			return false;
		}

		@Override
		public boolean stillRunning(long jobExecutionId) {
			return true;
		}

		@Override
		public void handBackIfStopping(long stepExecutionId, Runnable letGo) {
		}

		@Override
		public void checkFiles(WorkItem item, Path outputFolder) {
		}

	};

	/**
	 * Whether a worker that finds nothing to claim waits while other workers hold items,
	 * rather than ending: their holder may be a dead machine whose leases will run out.
	 */
	boolean awaitHeldItems();

	/** Whether the job execution still wants items worked on (a manager may have given it up). */
	boolean stillRunning(long jobExecutionId);

	/**
	 * When this process is stopping (a worker machine told to stop), lets go of what the
	 * worker holds and hands its slot back to the other workers, and never returns: the
	 * process ends without the slot's step ending. Returns at once otherwise.
	 */
	void handBackIfStopping(long stepExecutionId, Runnable letGo);

	/**
	 * Checks that this machine sees the item's input and can write the output folder.
	 * @throws bgmbatch.engine.ItemFailedException naming the machine when it cannot
	 */
	void checkFiles(WorkItem item, Path outputFolder);

}
