package bgmbatch.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.GetResponse;

import bgmbatch.job.JobParams;
import bgmbatch.job.LeaseKeeper;
import bgmbatch.job.WorkerIds;
import bgmbatch.job.WorkerLanes;
import bgmbatch.ledger.ItemRefusals;
import bgmbatch.ledger.SlotLeases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * A worker machine's lanes, {@code concurrency} of them: each takes one partition request
 * from the queue when it is free, and runs that worker slot's step with Spring Batch's
 * {@link StepExecutionRequestHandler}, the same {@code worker} step a one-machine run uses.
 * <p>
 * A lane pulls ({@code basic.get}) rather than subscribes: a subscribed consumer is handed
 * its next request while its current slot still runs (prefetch counts unacknowledged
 * messages, and a slot's request is acknowledged as soon as it is taken), so a busy worker
 * would hold requests that an idle or newly added worker could run, and RabbitMQ's
 * {@code consumer_timeout} would fire on them after 30 minutes. Pulling, a lane holds at
 * most the one request it is about to judge: the effect of a prefetch of one, taken only
 * when a lane is free. The request is acknowledged once the guard has decided (run, or
 * drop: never requeued); only when the guard cannot reach the database is it rejected
 * back to the queue, and the lane waits before it looks again.
 */
final class PartitionLanes implements WorkerLanes {

	/** How long an idle lane waits before it looks at the queue again. */
	static final Duration IDLE_POLL = Duration.ofSeconds(1);

	/**
	 * How long a lane that handed items back (its machine cannot see their files) waits
	 * before it takes another request: a worker that can see them, idle and looking every
	 * {@link #IDLE_POLL}, takes the job's next slot first. Taken by the same lane, that
	 * slot would find only items it refused, end at once, and fail them as if no machine
	 * were left (seen in SeveralMachinesTest: the last slot went to the blind worker).
	 */
	static final Duration AFTER_HANDING_BACK = IDLE_POLL.multipliedBy(5);

	private static final Log logger = LogFactory.getLog(PartitionLanes.class);

	private final int lanes;

	private final RabbitTemplate rabbit;

	private final PartitionQueue queue;

	private final PartitionGuard guard;

	private final StepExecutionRequestHandler handler;

	private final JobRepository repository;

	private final SlotLeases slots;

	private final ItemRefusals refusals;

	private final LeaseKeeper leases;

	private final WorkerIds workers;

	private final WorkerStop stop;

	private final List<Thread> threads = new ArrayList<>();

	PartitionLanes(int lanes, RabbitTemplate rabbit, PartitionQueue queue, PartitionGuard guard,
			StepExecutionRequestHandler handler, JobRepository repository, SlotLeases slots, ItemRefusals refusals,
			LeaseKeeper leases, WorkerIds workers, WorkerStop stop) {
		this.lanes = lanes;
		this.rabbit = rabbit;
		this.queue = queue;
		this.guard = guard;
		this.handler = handler;
		this.repository = repository;
		this.slots = slots;
		this.refusals = refusals;
		this.leases = leases;
		this.workers = workers;
		this.stop = stop;
	}

	@Override
	public int lanes() {
		return this.lanes;
	}

	/** Starts the lanes; they serve until {@link #stop}. */
	@Override
	public synchronized void start() {
		String queueName = this.queue.name();
		logger.info(this.lanes + " lane(s) serving " + queueName);
		for (int lane = 1; lane <= this.lanes; lane++) {
			Thread thread = new Thread(this::serve, "lane-" + lane);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	@Override
	public boolean stop(Duration timeout) throws InterruptedException {
		this.stop.request();
		this.threads.forEach(LockSupport::unpark);
		return this.stop.awaitSettled(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void serve() {
		try {
			while (!this.stop.requested()) {
				Optional<PartitionGuard.Accepted> next = next();
				if (next.isEmpty()) {
					LockSupport.parkNanos(this, IDLE_POLL.toNanos());
				}
				else if (this.stop.requested()) {
					// taken just as the stop came: back to the others, unstarted
					this.slots.handBack(next.get().request().getStepExecutionId(), next.get().runner());
					this.workers.release(next.get().request().getStepExecutionId());
				}
				else if (run(next.get())) {
					LockSupport.parkNanos(this, AFTER_HANDING_BACK.toNanos());
				}
			}
		}
		finally {
			this.stop.laneSettled();
		}
	}

	/** The next request to run, if any; requests to drop are acknowledged and dropped on the way. */
	private Optional<PartitionGuard.Accepted> next() {
		try {
			return this.rabbit.execute((channel) -> {
				GetResponse response = channel.basicGet(this.queue.name(), false);
				if (response == null) {
					return Optional.<PartitionGuard.Accepted>empty();
				}
				long tag = response.getEnvelope().getDeliveryTag();
				Optional<PartitionGuard.Accepted> accepted;
				try {
					accepted = this.guard.judge(response.getBody());
				}
				catch (RuntimeException ex) {
					// the guard could not decide (the database is unreachable): the request goes
					// back to the queue, and this lane waits before it looks again
					channel.basicReject(tag, true);
					logger.warn("cannot judge a partition request, returned it to the queue: " + ex.getMessage());
					return Optional.<PartitionGuard.Accepted>empty();
				}
				channel.basicAck(tag, false);
				return accepted;
			});
		}
		catch (RuntimeException ex) {
			logger.warn("cannot take a partition request from the broker: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/** Runs the slot; whether this lane handed back items of its job that still wait for a worker. */
	private boolean run(PartitionGuard.Accepted accepted) {
		long id = accepted.request().getStepExecutionId();
		SlotLease lease = new SlotLease(this.slots, id, accepted.runner());
		this.leases.hold(lease);
		try {
			logger.info(accepted.runner() + " runs slot step execution " + id);
			StepExecution result = this.handler.handle(accepted.request());
			// the handler leaves a failure it caught to the caller to record; the manager polls for it
			StepExecution stored = this.repository.getStepExecution(id);
			if (stored != null && stored.getStatus().isRunning() && !result.getStatus().isRunning()) {
				this.repository.update(result);
			}
			return stored != null && !this.refusals
				.waitingAfter(JobParams.of(stored.getJobParameters()).jobKey(), accepted.runner())
				.isEmpty();
		}
		catch (RuntimeException ex) {
			logger.error("slot step execution " + id + " could not run: " + ex.getMessage(), ex);
			return false;
		}
		finally {
			this.leases.drop(lease);
			this.slots.release(id, accepted.runner());
			this.workers.release(id);
		}
	}

}
