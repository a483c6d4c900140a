package bgmbatch.job;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the work step into worker slots, one per item that may be in flight. A slot is
 * not a share of the items: each worker claims the next waiting item from the ledger
 * when it is free, so a long item never holds up the short ones behind it.
 */
public final class WorkerSlots implements Partitioner {

	/**
	 * The step each slot runs, also its bean name (a remote worker finds the step by it);
	 * Spring Batch names a slot's step execution {@code worker:slotN}.
	 */
	public static final String STEP = "worker";

	static final String SLOT = "slot";

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> slots = new LinkedHashMap<>();
		for (int slot = 1; slot <= gridSize; slot++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(SLOT, slot);
			slots.put("slot" + slot, context);
		}
		return slots;
	}

	/** Whether a step execution of the job is one of its worker slots. */
	public static boolean isSlot(String stepExecutionName) {
		return stepExecutionName.startsWith(STEP + ":");
	}

}
