package bgmbatch.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A job's items: added from the manifest, read for the reports and status, forgotten for a fresh run. */
final class JobItems {

	private final ItemTable table;

	JobItems(ItemTable table) {
		this.table = table;
	}

	/** Adds the items the job does not have yet, in one transaction; items already there keep their progress. */
	int insertIfAbsent(List<LedgerItem> items) {
		return this.table.autonomous.execute((tx) -> {
			int added = 0;
			for (LedgerItem item : items) {
				if (insert(item)) {
					added++;
				}
			}
			return added;
		});
	}

	private boolean insert(LedgerItem item) {
		if (contains(item.jobKey(), item.id())) {
			return false;
		}
		Timestamp now = ItemTable.now();
		LedgerRows rows = this.table.rows;
		this.table.jdbc.sql("""
				INSERT INTO BGM_ITEM (JOB_KEY, ITEM_ID, SEQ, LINE, VIDEO, FINGERPRINT, INSTRUCTION, MUSIC, OUTPUT,
				  STAGE, STATUS, PLAN, HANDLES, TIMINGS, ATTEMPTS, LAST_ERROR, CREDITS, CREATED_AT, UPDATED_AT)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)""")
			.params(item.jobKey(), item.id(), item.seq(), item.line(), item.video().toString(), item.fingerprint(),
					item.instruction(), item.music() == null ? null : item.music().toString(), item.output().toString(),
					item.stage().name(), item.status().name(), rows.write(item.plan()), rows.write(item.handles()),
					rows.write(item.timings()), ItemTable.truncate(item.lastError()), now, now)
			.update();
		return true;
	}

	boolean contains(String jobKey, String id) {
		return this.table.jdbc.sql("SELECT COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
			.params(jobKey, id)
			.query(Integer.class)
			.single() > 0;
	}

	Optional<LedgerItem> find(String jobKey, String id) {
		return this.table.find(jobKey, id);
	}

	/** Every item of the job in manifest order, streamed so a large job never sits in memory. */
	void forEach(String jobKey, Consumer<LedgerItem> consumer) {
		try (var items = this.table.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? ORDER BY SEQ")
			.param(jobKey)
			.query(this.table.mapper)
			.stream()) {
			items.forEach(consumer);
		}
	}

	void forEachHeldOrEndedSince(String jobKey, Instant since, Consumer<LedgerItem> consumer) {
		try (var items = this.table.jdbc.sql("""
				SELECT * FROM BGM_ITEM WHERE JOB_KEY = ?
				  AND (CLAIMED_BY IS NOT NULL OR (STATUS <> 'PENDING' AND UPDATED_AT > ?)) ORDER BY SEQ""")
			.params(jobKey, Timestamp.from(since))
			.query(this.table.mapper)
			.stream()) {
			items.forEach(consumer);
		}
	}

	Map<ItemStatus, Integer> countByStatus(String jobKey) {
		Map<ItemStatus, Integer> counts = new HashMap<>();
		this.table.jdbc.sql("SELECT STATUS, COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? GROUP BY STATUS")
			.param(jobKey)
			.query((rs) -> {
				counts.put(ItemStatus.valueOf(rs.getString(1)), rs.getInt(2));
			});
		return counts;
	}

	/** Forgets every item of the job, for a forced fresh run. */
	int forget(String jobKey) {
		return this.table.autonomous
			.execute((tx) -> this.table.jdbc.sql("DELETE FROM BGM_ITEM WHERE JOB_KEY = ?").param(jobKey).update());
	}

}
