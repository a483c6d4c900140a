package bgmbatch.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import bgmbatch.engine.WorkItem;
import bgmbatch.job.LeaseKeeper;
import bgmbatch.job.WorkerIds;
import bgmbatch.job.WorkerSlots;
import bgmbatch.job.Workplace;
import bgmbatch.ledger.ItemRefusals;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.SlotLeases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * A worker machine, one of several sharing a job: its workers wait for items other
 * workers hold (their machine may have died), claim nothing for a job execution its
 * manager gave up, hand their slots back when the process is told to stop, and check
 * that this machine sees each item's files at the paths the manifest gave, since a
 * missing shared mount looks like a missing file.
 * <p>
 * A worker whose machine cannot work on an item hands it back rather than failing it: one
 * machine without the mount must not fail items the others can do. The refusal names the
 * machine and the worker and is not an attempt on the item; the worker never claims that
 * item again in this run. When every worker running the job (every live slot) has handed
 * it back, the item fails with their reasons, and the next run tries it again.
 */
final class RemoteWorkplace implements Workplace {

	/** Reasons quoted in an item's failure; the rest are counted. */
	private static final int QUOTED_REASONS = 3;

	/** How long a look at the job execution's status stands; a stop reaches workers through the ledger at once. */
	private static final long LOOK_AGAIN_AFTER = TimeUnit.SECONDS.toNanos(1);

	private static final Log logger = LogFactory.getLog(RemoteWorkplace.class);

	private final JobRepository repository;

	/** The last look at whether the job execution runs, reused for a second: every claim asks. */
	private final AtomicReference<RunningLook> lastLook = new AtomicReference<>();

	private final WorkerIds workers;

	private final SlotLeases slots;

	private final LeaseKeeper leases;

	private final WorkerStop stop;

	private final Ledger ledger;

	private final ItemRefusals refusals;

	RemoteWorkplace(JobRepository repository, WorkerIds workers, SlotLeases slots, LeaseKeeper leases,
			WorkerStop stop, Ledger ledger, ItemRefusals refusals) {
		this.repository = repository;
		this.workers = workers;
		this.slots = slots;
		this.leases = leases;
		this.stop = stop;
		this.ledger = ledger;
		this.refusals = refusals;
	}

	@Override
	public boolean awaitHeldItems() {
		return true;
	}

	@Override
	public boolean stillRunning(long jobExecutionId) {
		long now = System.nanoTime();
		RunningLook last = this.lastLook.get();
		if (last != null && last.jobExecutionId() == jobExecutionId && now - last.nanos() < LOOK_AGAIN_AFTER) {
			return last.running();
		}
		// the job repository reads the execution with its steps and their contexts: too much for every claim
		JobExecution execution = this.repository.getJobExecution(jobExecutionId);
		boolean running = execution != null && execution.getStatus().isRunning();
		this.lastLook.set(new RunningLook(jobExecutionId, now, running));
		return running;
	}

	@Override
	public void handBackIfStopping(long stepExecutionId, Runnable letGo) {
		if (!this.stop.requested()) {
			return;
		}
		letGo.run();
		String runner = this.workers.of(stepExecutionId);
		// renewed, the lease would take the slot back from the manager before it sends it out again
		this.leases.drop(new SlotLease(this.slots, stepExecutionId, runner));
		this.slots.handBack(stepExecutionId, runner);
		this.stop.parkForever();
	}

	@Override
	public boolean canWorkOn(LedgerItem item, String worker, Path outputFolder, long jobExecutionId) {
		Optional<String> problem = fileProblem(item.toWorkItem(), outputFolder);
		if (problem.isEmpty()) {
			return true;
		}
		String reason = this.workers.host() + " (worker " + worker + ") " + problem.get();
		this.refusals.handBack(item.jobKey(), item.id(), worker, reason);
		logger.warn(reason + "; handed " + item.id() + " to the other workers");
		failIfNobodyLeft(item.jobKey(), item.id(), jobExecutionId, worker);
		return false;
	}

	@Override
	public void leaving(String jobKey, long jobExecutionId, String worker) {
		for (String itemId : this.refusals.waitingAfter(jobKey, worker)) {
			failIfNobodyLeft(jobKey, itemId, jobExecutionId, worker);
		}
	}

	/**
	 * Fails the item when every worker running the job's slots has handed it back and no
	 * slot waits for a worker (a worker yet to take one may see the files).
	 */
	private void failIfNobodyLeft(String jobKey, String itemId, long jobExecutionId, String worker) {
		if (waitingSlots(jobExecutionId) > 0) {
			return;
		}
		List<String> running = new ArrayList<>(this.slots.runners(jobExecutionId));
		running.add(worker);
		Map<String, String> reasons = this.refusals.refusedByAll(jobKey, itemId, running);
		if (!reasons.isEmpty()) {
			this.ledger.markFailed(jobKey, itemId, failure(reasons));
		}
	}

	/** The job execution's worker slots that no live worker runs: waiting in the queue, or to be sent again. */
	private long waitingSlots(long jobExecutionId) {
		JobExecution execution = this.repository.getJobExecution(jobExecutionId);
		if (execution == null) {
			return 0;
		}
		List<Long> held = this.slots.heldSlots(jobExecutionId);
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> WorkerSlots.isSlot(step.getStepName()))
			.filter((step) -> step.getStatus() == BatchStatus.STARTING || step.getStatus() == BatchStatus.STARTED)
			.map(StepExecution::getId)
			.filter((id) -> !held.contains(id))
			.count();
	}

	private Optional<String> fileProblem(WorkItem item, Path outputFolder) {
		// an input given by address is fetched into this machine's cache; only a path must be shared
		if (item.handle(WorkItem.VIDEO_SOURCE) == null && !Files.isReadable(item.video())) {
			return Optional.of("cannot read the input " + item.video()
					+ ": every machine must see the manifest's files at the same paths (a shared mount)");
		}
		if (!Files.isDirectory(outputFolder) || !Files.isWritable(outputFolder)) {
			return Optional.of("cannot write the output folder " + outputFolder
					+ ": every machine must see it, writable, at the same path (a shared mount)");
		}
		return Optional.empty();
	}

	private static String failure(Map<String, String> reasons) {
		List<String> quoted = reasons.values().stream().limit(QUOTED_REASONS).toList();
		int more = reasons.size() - quoted.size();
		return "no worker could work on it: " + String.join("; ", quoted)
				+ (more > 0 ? "; and " + more + " other worker(s)" : "");
	}

	private record RunningLook(long jobExecutionId, long nanos, boolean running) {
	}

}
