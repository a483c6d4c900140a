package bgmbatch.job;

import java.nio.file.Path;

import bgmbatch.ledger.LedgerItem;

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
		public boolean canWorkOn(LedgerItem item, String worker, Path outputFolder, long jobExecutionId) {
			return true;
		}

		@Override
		public void leaving(String jobKey, long jobExecutionId, String worker) {
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
	 * Whether the worker can work on the item here: on a worker machine, whether the machine
	 * sees the item's input and can write the output folder. When it cannot, the worker has
	 * handed the item back, saying why with the machine's name, and goes on with another:
	 * not an attempt on the item, which the other workers may take. An item that every
	 * worker of the run handed back has failed, with their reasons.
	 */
	boolean canWorkOn(LedgerItem item, String worker, Path outputFolder, long jobExecutionId);

	/**
	 * The worker found nothing left to claim and its slot ends: on a worker machine, each
	 * item it handed back that no other worker of the run is left to take fails now, with
	 * the reasons the workers gave.
	 */
	void leaving(String jobKey, long jobExecutionId, String worker);

}
