package bgmbatch.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;

/**
 * One item's record in the ledger.
 *
 * @param jobKey the job (manifest path and content hash)
 * @param id the item's id
 * @param seq the item's position in the manifest, which orders all reads
 * @param line the manifest line of its row
 * @param video the input video
 * @param fingerprint the input's content fingerprint, null when it could not be read
 * @param instruction the instruction
 * @param music the manifest's music file, or null
 * @param output the final output file
 * @param stage the next stage it needs
 * @param status where it stands
 * @param plan the engine's interpreted plan, or null before the edit stage
 * @param handles engine handles
 * @param timings seconds spent per stage
 * @param attempts how many stage attempts failed
 * @param lastError the reason of the last failure or skip
 * @param credits credits spent on it
 * @param updatedAt when the row last changed
 */
public record LedgerItem(String jobKey, String id, int seq, long line, Path video, String fingerprint,
		String instruction, Path music, Path output, Stage stage, ItemStatus status, String plan,
		Map<String, String> handles, Map<String, Double> timings, int attempts, String lastError, int credits,
		Instant updatedAt) {

	public LedgerItem {
		handles = handles == null ? Map.of() : Map.copyOf(handles);
		timings = timings == null ? Map.of() : Map.copyOf(timings);
	}

	public WorkItem toWorkItem() {
		return new WorkItem(this.jobKey, this.id, this.video, this.instruction, this.music, this.output, this.plan,
				this.handles, this.attempts, this.seq);
	}

}
