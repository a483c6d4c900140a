package bgmbatch.engine;

import java.util.Map;

/**
 * What a stage produced for one item.
 *
 * @param handles handles to add to the item's record (merged over the existing ones)
 * @param plan the interpreted plan when the stage made or changed it, else null
 * @param creditsSpent credits the stage spent on a paid service
 */
public record StageResult(Map<String, String> handles, Plan plan, int creditsSpent) {

	public StageResult {
		handles = handles == null ? Map.of() : Map.copyOf(handles);
	}

	public static StageResult none() {
		return new StageResult(Map.of(), null, 0);
	}

	public static StageResult of(Map<String, String> handles) {
		return new StageResult(handles, null, 0);
	}

}
