package bgmbatch.cluster;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;

/** The queue of partition requests, declared (idempotently) the first time it is needed. */
final class PartitionQueue {

	private final AmqpAdmin admin;

	private final Queue queue;

	private volatile boolean declared;

	PartitionQueue(AmqpAdmin admin, Queue queue) {
		this.admin = admin;
		this.queue = queue;
	}

	String name() {
		if (!this.declared) {
			this.admin.declareQueue(this.queue);
			this.declared = true;
		}
		return this.queue.getName();
	}

}
