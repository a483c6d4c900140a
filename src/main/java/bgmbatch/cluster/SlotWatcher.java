package bgmbatch.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import bgmbatch.job.WorkerSlots;
import bgmbatch.ledger.SlotLeases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * While the manager's {@code work} step waits, sends out again each slot whose worker is
 * gone: its lease ran out (the machine died, or was killed) or the worker handed it back
 * (told to stop). A live worker takes it and continues the same step execution; items
 * the lost worker held wait for their own leases. Once per loss: a slot sent out again is
 * marked so until a worker takes it (a second copy of a request does no harm: the first
 * worker to take the slot's lease runs it, the other drops its copy).
 */
final class SlotWatcher implements StepExecutionListener {

	private static final Log logger = LogFactory.getLog(SlotWatcher.class);

	private final SlotLeases slots;

	private final PartitionSender sender;

	private final JobRepository repository;

	private final Duration period;

	private ScheduledExecutorService timer;

	SlotWatcher(SlotLeases slots, PartitionSender sender, JobRepository repository, Duration period) {
		this.slots = slots;
		this.sender = sender;
		this.repository = repository;
		this.period = period;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long jobExecutionId = stepExecution.getJobExecutionId();
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "slot-watcher");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(() -> resendOrphans(jobExecutionId), this.period.toMillis(),
				this.period.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void resendOrphans(long jobExecutionId) {
		try {
			for (long id : this.slots.orphans(jobExecutionId)) {
				StepExecution slot = this.repository.getStepExecution(id);
				if (slot != null && slot.getStatus().isRunning()) {
					logger.warn("the worker of slot " + slot.getStepName() + " stopped or died: sending the slot to the "
							+ "workers again");
					this.sender.send(new StepExecutionRequest(WorkerSlots.STEP, id));
				}
				// marked only once sent: a send that failed is tried again at the next look
				this.slots.sentAgain(id);
			}
		}
		catch (RuntimeException ex) {
			// the next look tries again
			logger.warn("cannot look for lost worker slots: " + ex.getMessage());
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
		return null;
	}

}
