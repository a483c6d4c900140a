package bgmbatch.cluster;

import java.time.Duration;
import java.util.Optional;

import bgmbatch.job.JobParams;
import bgmbatch.job.WorkerIds;
import bgmbatch.job.WorkerSlots;
import bgmbatch.ledger.SlotLeases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Decides whether a worker runs a partition request, before it is acknowledged. It drops
 * what must not run: a body that is no request, a slot whose step or job execution is no
 * longer running (a request left in the queue by a manager that timed out or was killed,
 * whose run was recovered since: without this a restart ran those again, 22 duplicates
 * in 40 items in the prototype), a job of another engine, and a slot another live worker
 * runs already (a request sent again, or redelivered). Otherwise it takes the slot's
 * lease for the worker that will run it.
 */
final class PartitionGuard {

	private static final Log logger = LogFactory.getLog(PartitionGuard.class);

	private final PartitionRequests requests;

	private final JobRepository repository;

	private final SlotLeases slots;

	private final WorkerIds workers;

	private final String engine;

	private final Duration lease;

	/** A request to run, and the worker that took its slot. */
	record Accepted(StepExecutionRequest request, String runner) {
	}

	PartitionGuard(PartitionRequests requests, JobRepository repository, SlotLeases slots, WorkerIds workers,
			String engine, Duration lease) {
		this.requests = requests;
		this.repository = repository;
		this.slots = slots;
		this.workers = workers;
		this.engine = engine;
		this.lease = lease;
	}

	/** The request to run, or empty when it is to be dropped (the reason is logged). */
	Optional<Accepted> judge(byte[] body) {
		Optional<StepExecutionRequest> read = this.requests.read(body);
		if (read.isEmpty()) {
			return drop("a message that is not a partition request");
		}
		StepExecutionRequest request = read.get();
		if (!WorkerSlots.STEP.equals(request.getStepName())) {
			return drop("a request for step '" + request.getStepName() + "', which workers do not run");
		}
		StepExecution step = this.repository.getStepExecution(request.getStepExecutionId());
		if (step == null) {
			return drop("a request for step execution " + request.getStepExecutionId() + ", which does not exist");
		}
		if (!step.getStatus().isRunning()) {
			return drop("a request for slot " + step.getStepName() + ", which is " + step.getStatus());
		}
		if (!step.getJobExecution().getStatus().isRunning()) {
			return drop("a request for slot " + step.getStepName() + " of job execution " + step.getJobExecutionId()
					+ ", which is " + step.getJobExecution().getStatus());
		}
		String jobEngine = JobParams.of(step.getJobParameters()).engine();
		if (!this.engine.equals(jobEngine)) {
			return drop("a request for slot " + step.getStepName() + " of a job on the " + jobEngine
					+ " engine (this worker runs " + this.engine + ")");
		}
		String runner = this.workers.of(step.getId());
		if (!this.slots.take(step.getId(), step.getJobExecutionId(), runner, this.lease)) {
			this.workers.release(step.getId());
			return drop("a request for slot " + step.getStepName() + ", which another worker runs");
		}
		return Optional.of(new Accepted(request, runner));
	}

	private static Optional<Accepted> drop(String what) {
		logger.info("dropped " + what);
		return Optional.empty();
	}

}
