package bgmbatch.cluster;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Partition requests as RabbitMQ messages: a small JSON body naming the step and its
 * execution, persistent, on one durable queue per engine (a worker serves one engine) and
 * job database.
 * Plain JSON, not Java serialization: a worker reads nothing but two fields, and a body
 * it cannot read is dropped, never requeued (a requeued poison message loops forever).
 */
final class PartitionRequests {

	private final ObjectMapper json = new ObjectMapper();

	/**
	 * The queue of an engine's partition requests on one job database: a worker can only
	 * run the requests of its own database, and one that took another's would lose it (two
	 * installations, or two test runs, sharing a broker).
	 * @param database the job database's name for itself (its {@code BGM_DATABASE} row)
	 */
	static String queue(String engine, String database) {
		return "bgm-batch.partitions." + engine + "." + database;
	}

	Message toMessage(StepExecutionRequest request) {
		byte[] body = this.json.createObjectNode()
			.put("step", request.getStepName())
			.put("stepExecution", request.getStepExecutionId())
			.toString()
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return MessageBuilder.withBody(body)
			.setContentType("application/json")
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
	}

	/** The request in a message body, or empty when the body is not one. */
	Optional<StepExecutionRequest> read(byte[] body) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node == null || !node.path("step").isTextual() || !node.path("stepExecution").canConvertToLong()) {
				return Optional.empty();
			}
			return Optional.of(new StepExecutionRequest(node.get("step").asText(), node.get("stepExecution").asLong()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
