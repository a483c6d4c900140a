package bgmbatch.ledger;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;

/**
 * Items put back in the queue by a later run: failed ones at the stage they failed in,
 * skipped ones whose reason is gone at their first stage, delivered ones whose output
 * went missing at the stage that remakes it.
 */
final class Requeues {

	private final ItemTable table;

	Requeues(ItemTable table) {
		this.table = table;
	}

	int requeueFailed(String jobKey) {
		return this.table.autonomous.execute((tx) -> this.table.jdbc
			.sql("UPDATE BGM_ITEM SET STATUS = 'PENDING' WHERE JOB_KEY = ? AND STATUS = 'FAILED'")
			.param(jobKey)
			.update());
	}

	/** Back at its first stage, its reason cleared; false when it is not skipped (any more). */
	boolean requeueSkipped(String jobKey, String id) {
		return this.table.autonomous.execute((tx) -> this.table.jdbc.sql("""
				UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, LAST_ERROR = NULL, UPDATED_AT = ?
				WHERE JOB_KEY = ? AND ITEM_ID = ? AND STATUS = 'SKIPPED'""")
			.params(Stage.UPLOAD.name(), ItemTable.now(), jobKey, id)
			.update()) == 1;
	}

	/** Back at its first stage with the new input's fingerprint, keeping only its manifest row's handles. */
	void requeueSkipped(String jobKey, String id, String fingerprint) {
		// a skipped item is held by no worker: it has not been claimed since it was skipped
		this.table.autonomous.executeWithoutResult((tx) -> {
			LedgerItem item = this.table.lockedRow(jobKey, id);
			Map<String, String> handles = new HashMap<>(item.handles());
			handles.keySet().retainAll(WorkItem.ROW_HANDLES);
			this.table.jdbc.sql("""
					UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, FINGERPRINT = ?, HANDLES = ?, PLAN = NULL,
					  LAST_ERROR = NULL, CREDITS_HELD = 0, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ? AND STATUS = 'SKIPPED'""")
				.params(Stage.UPLOAD.name(), fingerprint, this.table.rows.write(handles), ItemTable.now(), jobKey, id)
				.update();
		});
	}

	/** Sends delivered items whose output is gone back to the given stage; how many. */
	int requeueMissingOutputs(String jobKey, Stage redoFrom, Predicate<Path> exists) {
		int[] count = { 0 };
		this.table.jdbc.sql("SELECT ITEM_ID, OUTPUT FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'DELIVERED'")
			.param(jobKey)
			.query((rs) -> {
				if (!exists.test(Path.of(rs.getString(2)))) {
					String id = rs.getString(1);
					this.table.autonomous.executeWithoutResult((tx) -> this.table.jdbc.sql("""
							UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, LAST_ERROR = NULL, UPDATED_AT = ?
							WHERE JOB_KEY = ? AND ITEM_ID = ?""").params(redoFrom.name(), ItemTable.now(), jobKey, id).update());
					count[0]++;
				}
			});
		return count[0];
	}

}
