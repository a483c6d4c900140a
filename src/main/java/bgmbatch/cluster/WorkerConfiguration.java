package bgmbatch.cluster;

import bgmbatch.job.LeaseKeeper;
import bgmbatch.job.WorkerIds;
import bgmbatch.job.Workplace;
import bgmbatch.ledger.ItemRefusals;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.SlotLeases;
import bgmbatch.settings.RunProperties;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A worker machine ({@code java -jar batch.jar worker}): lanes that take worker slots from
 * the queue of its engine and run the {@code worker} step on the shared ledger, for any
 * job whose manager hands slots out, until the process is told to stop.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bgm.worker")
@Import(BrokerConfiguration.class)
class WorkerConfiguration {

	@Bean
	WorkerStop workerStop(RunProperties properties) {
		return new WorkerStop(properties.lanes());
	}

	@Bean
	Workplace workplace(JobRepository repository, WorkerIds workers, SlotLeases slots, LeaseKeeper leases,
			WorkerStop stop, Ledger ledger, ItemRefusals refusals) {
		return new RemoteWorkplace(repository, workers, slots, leases, stop, ledger, refusals);
	}

	@Bean
	PartitionLanes partitionLanes(RunProperties properties, RabbitTemplate rabbit, PartitionQueue queue,
			JobRepository repository, SlotLeases slots, ItemRefusals refusals, LeaseKeeper leases, WorkerIds workers,
			WorkerStop stop, BeanFactory beanFactory) {
		BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
		steps.setBeanFactory(beanFactory);
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(repository);
		handler.setStepLocator(steps);
		PartitionGuard guard = new PartitionGuard(new PartitionRequests(), repository, slots, workers,
				properties.engine(), leases.lease());
		return new PartitionLanes(properties.lanes(), rabbit, queue, guard, handler, repository, slots, refusals, leases,
				workers, stop);
	}

}
