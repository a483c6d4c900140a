package bgmbatch.job;

import java.util.LinkedHashMap;
import java.util.Map;

import bgmbatch.engine.Stage;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a stage into lanes: lane k takes the items whose manifest position is k modulo
 * the number of lanes. Lanes run concurrently; within a lane items go in manifest order.
 */
final class LanePartitioner implements Partitioner {

	static final String STAGE = "stage";

	static final String LANE = "lane";

	static final String LANES = "lanes";

	private final Stage stage;

	LanePartitioner(Stage stage) {
		this.stage = stage;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> lanes = new LinkedHashMap<>();
		for (int lane = 0; lane < gridSize; lane++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(STAGE, this.stage.name());
			context.putInt(LANE, lane);
			context.putInt(LANES, gridSize);
			lanes.put("lane" + lane, context);
		}
		return lanes;
	}

}
