package bgmbatch.cluster;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/** Sends partition requests to the workers' queue, through the default exchange. */
final class PartitionSender {

	private final RabbitTemplate rabbit;

	private final PartitionQueue queue;

	private final PartitionRequests requests;

	PartitionSender(RabbitTemplate rabbit, PartitionQueue queue, PartitionRequests requests) {
		this.rabbit = rabbit;
		this.queue = queue;
		this.requests = requests;
	}

	void send(StepExecutionRequest request) {
		this.rabbit.send("", this.queue.name(), this.requests.toMessage(request));
	}

}
