package bgmbatch.cluster;

import java.time.Clock;
import java.time.Duration;

import bgmbatch.engine.EditingEngine;
import bgmbatch.job.JobParams;
import bgmbatch.job.WorkerSlots;
import bgmbatch.ledger.ItemRefusals;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.SlotLeases;
import bgmbatch.progress.ProgressDisplay;
import bgmbatch.settings.RunProperties;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.MessageChannel;

/**
 * The manager of a distributed run ({@code distributed=true}): its {@code work} step hands
 * {@code concurrency} worker slots out to the worker machines with Spring Batch remote
 * partitioning, then waits by polling the job repository, the truth a restarted manager
 * also finds. Prepare, conclusion and reports are the one-machine job's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bgm.distributed")
@Import(BrokerConfiguration.class)
class ManagerConfiguration {

	/** Slots handed out when {@code concurrency} is not given: items in flight across all workers. */
	static final int DEFAULT_SLOTS = 32;

	/** How often the manager reads the job repository and the slot leases while it waits. */
	static final Duration POLL = Duration.ofSeconds(1);

	@Bean
	PartitionSender partitionSender(RabbitTemplate rabbit, PartitionQueue queue) {
		return new PartitionSender(rabbit, queue, new PartitionRequests());
	}

	@Bean
	Step work(JobRepository jobRepository, RunProperties properties, PartitionSender sender, SlotLeases slots,
			Ledger ledger, ItemRefusals refusals, ProgressDisplay progressDisplay, EditingEngine engine) {
		MessageChannel requests = (message, timeout) -> {
			sender.send((StepExecutionRequest) message.getPayload());
			return true;
		};
		int slotCount = properties.concurrency() > 0 ? properties.concurrency() : DEFAULT_SLOTS;
		return new RemotePartitioningManagerStepBuilder("work", jobRepository).partitioner(WorkerSlots.STEP, new WorkerSlots())
			.gridSize(slotCount)
			.outputChannel(requests)
			.pollInterval(POLL.toMillis())
			.listener(new SlotWatcher(slots, sender, jobRepository, POLL))
			.listener(new LedgerFollower(ledger, progressDisplay, engine.stageWords(), POLL, Clock.systemUTC()))
			.listener(newChances(refusals))
			.allowStartIfComplete(true)
			.build();
	}

	/** Items handed back by workers whose machine could not work on them get a new chance at each run. */
	private static StepExecutionListener newChances(ItemRefusals refusals) {
		return new StepExecutionListener() {

			@Override
			public void beforeStep(StepExecution stepExecution) {
				refusals.forget(JobParams.of(stepExecution.getJobParameters()).jobKey());
			}

		};
	}

}
