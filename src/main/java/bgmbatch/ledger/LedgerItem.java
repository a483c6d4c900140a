package bgmbatch.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.Plan;
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
 * @param claimedBy the worker holding the item now (host:pid:slot), or null
 * @param stageLog the stages finished so far: by which worker, from when to when
 */
public record LedgerItem(String jobKey, String id, int seq, long line, Path video, String fingerprint,
		String instruction, Path music, Path output, Stage stage, ItemStatus status, Plan plan,
		Map<String, String> handles, Map<String, Double> timings, int attempts, String lastError, int credits,
		Instant updatedAt, String claimedBy, List<StageRun> stageLog) {

	public LedgerItem {
		handles = handles == null ? Map.of() : Map.copyOf(handles);
		timings = timings == null ? Map.of() : Map.copyOf(timings);
		stageLog = stageLog == null ? List.of() : List.copyOf(stageLog);
	}

	/**
	 * A new item, as the prepare step makes it: nothing done, nobody holding it.
	 * @param handles what the manifest row already says about it (see {@link WorkItem#rowHandles})
	 */
	public static LedgerItem fresh(String jobKey, String id, int seq, long line, Path video, String fingerprint,
			String instruction, Path music, Path output, Map<String, String> handles, ItemStatus status,
			String lastError) {
		return new LedgerItem(jobKey, id, seq, line, video, fingerprint, instruction, music, output, Stage.UPLOAD,
				status, null, handles, null, 0, lastError, 0, null, null, null);
	}

	/** Whether the worker still holds the item with work left: it then runs the item's next stage. */
	public boolean heldBy(String worker) {
		return this.status == ItemStatus.PENDING && this.stage != Stage.DONE && worker.equals(this.claimedBy);
	}

	public WorkItem toWorkItem() {
		return new WorkItem(this.jobKey, this.id, this.video, this.instruction, this.music, this.output, this.plan,
				this.handles, this.attempts, this.seq);
	}

}
