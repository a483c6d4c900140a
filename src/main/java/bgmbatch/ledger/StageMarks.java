package bgmbatch.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;

/**
 * What a worker records for an item it holds: write-ahead marks, finished stages (with
 * the stage log and the plan), failures and skips, and a restart from the first stage.
 * Every write to a held item checks that the worker still holds it
 * ({@link ClaimLostException}), so a worker whose lease ran out never writes over its
 * successor's.
 */
final class StageMarks {

	private final ItemTable table;

	StageMarks(ItemTable table) {
		this.table = table;
	}

	/** Write-ahead: records one handle (null removes it) and commits before returning. */
	void recordHandle(String jobKey, String id, String worker, String key, String value) {
		this.table.updateHeld(this.table.autonomous, jobKey, id, worker, (item, handles) -> {
			if (value == null) {
				handles.remove(key);
			}
			else {
				handles.put(key, value);
			}
			return this.table.jdbc.sql("""
					UPDATE BGM_ITEM SET HANDLES = ?, CREDITS_HELD = ?, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(this.table.rows.write(handles), ItemTable.creditsHeld(handles), ItemTable.now(), jobKey, id);
		});
	}

	/** Records a finished stage and moves the item on, in the caller's transaction when there is one. */
	void advance(String jobKey, String id, StageResult result, StageRun run) {
		LedgerRows rows = this.table.rows;
		this.table.updateHeld(this.table.joined, jobKey, id, run.worker(), (item, handles) -> {
			handles.putAll(result.handles());
			Map<String, Double> timings = new HashMap<>(item.timings());
			timings.merge(run.stage().stepName(), run.seconds(), Double::sum);
			List<StageRun> log = new ArrayList<>(item.stageLog());
			log.add(run);
			Stage next = run.stage().next();
			boolean done = next == Stage.DONE;
			return this.table.jdbc.sql("""
					UPDATE BGM_ITEM SET STAGE = ?, STATUS = ?, HANDLES = ?, TIMINGS = ?, STAGE_LOG = ?,
					  PLAN = COALESCE(?, PLAN), CREDITS = CREDITS + ?, CREDITS_HELD = ?, LAST_ERROR = NULL,
					  CLAIMED_BY = CASE WHEN ? THEN NULL ELSE CLAIMED_BY END,
					  LEASE_UNTIL = CASE WHEN ? THEN NULL ELSE LEASE_UNTIL END,
					  UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(next.name(), (done ? ItemStatus.DELIVERED : ItemStatus.PENDING).name(), rows.write(handles),
						rows.write(timings), rows.write(log), rows.write(result.plan()), result.creditsSpent(),
						ItemTable.creditsHeld(handles), done, done, ItemTable.now(), jobKey, id);
		});
	}

	/** Sets the item's status and reason, letting go of its claim. */
	void setStatus(String jobKey, String id, ItemStatus status, String reason, int attempt) {
		this.table.autonomous.executeWithoutResult((tx) -> this.table.jdbc.sql("""
				UPDATE BGM_ITEM SET STATUS = ?, LAST_ERROR = ?, ATTEMPTS = ATTEMPTS + ?, CLAIMED_BY = NULL,
				  LEASE_UNTIL = NULL, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
			.params(status.name(), ItemTable.truncate(reason), attempt, ItemTable.now(), jobKey, id)
			.update());
	}

	/** Sends a held item back to its first stage, keeping only its manifest row's handles. */
	void restart(String jobKey, String id, String worker) {
		this.table.updateHeld(this.table.autonomous, jobKey, id, worker, (item, handles) -> {
			handles.keySet().retainAll(WorkItem.ROW_HANDLES);
			return this.table.jdbc.sql("""
					UPDATE BGM_ITEM SET STAGE = ?, HANDLES = ?, PLAN = NULL, CREDITS_HELD = 0, UPDATED_AT = ?
					WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(Stage.UPLOAD.name(), this.table.rows.write(handles), ItemTable.now(), jobKey, id);
		});
	}

}
