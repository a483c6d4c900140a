package bgmbatch.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-item stage records, the source of truth for what is done. Every write commits
 * in its own transaction before it returns, whatever transaction the caller is in: a
 * write-ahead handle must be durable before the call it guards. The one exception is
 * {@link #advance}: it joins the caller's transaction (the stage step's chunk), so a
 * stage's result and Spring Batch's record of that chunk commit together, in one durable
 * commit instead of two; if that commit is lost the stage runs again, which every engine
 * stage allows.
 */
public final class Ledger {

	private static final TypeReference<Map<String, String>> HANDLES = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Double>> TIMINGS = new TypeReference<>() {
	};

	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	private final TransactionTemplate autonomous;

	private final TransactionTemplate joined;

	private final ObjectMapper json = new ObjectMapper();

	private final RowMapper<LedgerItem> mapper = this::map;

	public Ledger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.autonomous = new TransactionTemplate(transactionManager);
		this.autonomous.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.joined = new TransactionTemplate(transactionManager);
	}

	/**
	 * Adds the items the job does not have yet, in one transaction: items already there
	 * keep their progress.
	 * @return how many were added
	 */
	public int insertIfAbsent(List<LedgerItem> items) {
		return this.autonomous.execute((tx) -> {
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
		{
			if (contains(item.jobKey(), item.id())) {
				return false;
			}
			Timestamp now = Timestamp.from(Instant.now());
			this.jdbc.sql("""
					INSERT INTO BGM_ITEM (JOB_KEY, ITEM_ID, SEQ, LINE, VIDEO, FINGERPRINT, INSTRUCTION, MUSIC, OUTPUT,
					  STAGE, STATUS, PLAN, HANDLES, TIMINGS, ATTEMPTS, LAST_ERROR, CREDITS, CREATED_AT, UPDATED_AT)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)""")
				.params(item.jobKey(), item.id(), item.seq(), item.line(), item.video().toString(), item.fingerprint(),
						item.instruction(), item.music() == null ? null : item.music().toString(),
						item.output().toString(), item.stage().name(), item.status().name(), item.plan(),
						write(item.handles()), write(item.timings()), truncate(item.lastError()), now, now)
				.update();
			return true;
		}
	}

	public boolean contains(String jobKey, String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
			.params(jobKey, id)
			.query(Integer.class)
			.single() > 0;
	}

	public Optional<LedgerItem> find(String jobKey, String id) {
		return this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
			.params(jobKey, id)
			.query(this.mapper)
			.optional();
	}

	/** Every item of the job in manifest order, streamed so a large job never sits in memory. */
	public void forEach(String jobKey, Consumer<LedgerItem> consumer) {
		try (var items = this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? ORDER BY SEQ")
			.param(jobKey)
			.query(this.mapper)
			.stream()) {
			items.forEach(consumer);
		}
	}

	/** The next items waiting at a stage after the given position, for one lane of workers. */
	public List<LedgerItem> waiting(String jobKey, Stage stage, int lane, int lanes, int afterSeq, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND STAGE = ? AND STATUS = 'PENDING'
				  AND MOD(SEQ, ?) = ? AND SEQ > ? ORDER BY SEQ LIMIT ?""")
			.params(jobKey, stage.name(), lanes, lane, afterSeq, limit)
			.query(this.mapper)
			.list();
	}

	public Map<ItemStatus, Integer> countByStatus(String jobKey) {
		Map<ItemStatus, Integer> counts = new HashMap<>();
		this.jdbc.sql("SELECT STATUS, COUNT(*) FROM BGM_ITEM WHERE JOB_KEY = ? GROUP BY STATUS")
			.param(jobKey)
			.query((rs) -> {
				counts.put(ItemStatus.valueOf(rs.getString(1)), rs.getInt(2));
			});
		return counts;
	}

	/** Write-ahead: records one handle and commits before returning. */
	public void recordHandle(String jobKey, String id, String key, String value) {
		update(jobKey, id, (item, handles) -> {
			if (value == null) {
				handles.remove(key);
			}
			else {
				handles.put(key, value);
			}
			return this.jdbc.sql("UPDATE BGM_ITEM SET HANDLES = ?, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?")
				.params(write(handles), now(), jobKey, id);
		});
	}

	/**
	 * Records a finished stage and moves the item to the next one (or to delivered), in the
	 * caller's transaction when there is one: committing it separately cost a second
	 * synced commit per item and stage, the larger part of the job's own per-item cost.
	 */
	public void advance(String jobKey, String id, Stage finished, StageResult result, double seconds) {
		update(this.joined, jobKey, id, (item, handles) -> {
			handles.putAll(result.handles());
			Map<String, Double> timings = new HashMap<>(item.timings());
			timings.merge(finished.stepName(), seconds, Double::sum);
			Stage next = finished.next();
			return this.jdbc.sql("""
					UPDATE BGM_ITEM SET STAGE = ?, STATUS = ?, HANDLES = ?, TIMINGS = ?, PLAN = COALESCE(?, PLAN),
					  CREDITS = CREDITS + ?, LAST_ERROR = NULL, UPDATED_AT = ? WHERE JOB_KEY = ? AND ITEM_ID = ?""")
				.params(next.name(), (next == Stage.DONE ? ItemStatus.DELIVERED : ItemStatus.PENDING).name(),
						write(handles), write(timings), result.plan(), result.creditsSpent(), now(), jobKey, id);
		});
	}

	public void markFailed(String jobKey, String id, String reason) {
		setStatus(jobKey, id, ItemStatus.FAILED, reason, 1);
	}

	public void markSkipped(String jobKey, String id, String reason) {
		setStatus(jobKey, id, ItemStatus.SKIPPED, reason, 0);
	}

	private void setStatus(String jobKey, String id, ItemStatus status, String reason, int attempt) {
		this.autonomous.executeWithoutResult((tx) -> this.jdbc.sql("""
				UPDATE BGM_ITEM SET STATUS = ?, LAST_ERROR = ?, ATTEMPTS = ATTEMPTS + ?, UPDATED_AT = ?
				WHERE JOB_KEY = ? AND ITEM_ID = ?""")
			.params(status.name(), truncate(reason), attempt, now(), jobKey, id)
			.update());
	}

	/** Puts failed items back in the queue at the stage they failed in. */
	public int requeueFailed(String jobKey) {
		return this.autonomous.execute((tx) -> this.jdbc
			.sql("UPDATE BGM_ITEM SET STATUS = 'PENDING' WHERE JOB_KEY = ? AND STATUS = 'FAILED'")
			.param(jobKey)
			.update());
	}

	/**
	 * Sends delivered items whose output file has gone missing back to the given stage.
	 * @return how many were sent back
	 */
	public int requeueMissingOutputs(String jobKey, Stage redoFrom) {
		return requeueMissingOutputs(jobKey, redoFrom, Files::exists);
	}

	/**
	 * Sends delivered items whose output is no longer where it was delivered back to the
	 * given stage.
	 * @param exists whether an item's output (by its local path) is still delivered
	 * @return how many were sent back
	 */
	public int requeueMissingOutputs(String jobKey, Stage redoFrom, java.util.function.Predicate<Path> exists) {
		int[] count = { 0 };
		this.jdbc.sql("SELECT ITEM_ID, OUTPUT FROM BGM_ITEM WHERE JOB_KEY = ? AND STATUS = 'DELIVERED'")
			.param(jobKey)
			.query((rs) -> {
				if (!exists.test(Path.of(rs.getString(2)))) {
					String id = rs.getString(1);
					this.autonomous.executeWithoutResult((tx) -> this.jdbc.sql("""
							UPDATE BGM_ITEM SET STATUS = 'PENDING', STAGE = ?, LAST_ERROR = NULL, UPDATED_AT = ?
							WHERE JOB_KEY = ? AND ITEM_ID = ?""").params(redoFrom.name(), now(), jobKey, id).update());
					count[0]++;
				}
			});
		return count[0];
	}

	/**
	 * Sends an item back to its first stage, keeping only the addresses of its inputs: an
	 * input changed, and nothing made from the old one may be reused.
	 */
	public void restart(String jobKey, String id) {
		update(jobKey, id, (item, handles) -> {
			handles.keySet().removeIf((key) -> !key.equals(WorkItem.VIDEO_SOURCE) && !key.equals(WorkItem.MUSIC_SOURCE));
			return this.jdbc.sql("""
					UPDATE BGM_ITEM SET STAGE = ?, HANDLES = ?, PLAN = NULL, UPDATED_AT = ?
					WHERE JOB_KEY = ? AND ITEM_ID = ?""").params(Stage.UPLOAD.name(), write(handles), now(), jobKey, id);
		});
	}

	/** Forgets every item of the job, for a forced fresh run. */
	public int forget(String jobKey) {
		return this.autonomous
			.execute((tx) -> this.jdbc.sql("DELETE FROM BGM_ITEM WHERE JOB_KEY = ?").param(jobKey).update());
	}

	private void update(String jobKey, String id, Change change) {
		update(this.autonomous, jobKey, id, change);
	}

	private void update(TransactionTemplate transaction, String jobKey, String id, Change change) {
		transaction.executeWithoutResult((tx) -> {
			LedgerItem item = this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
				.params(jobKey, id)
				.query(this.mapper)
				.optional()
				.orElseThrow(() -> new IllegalStateException("no ledger item " + id + " in job " + jobKey));
			change.apply(item, new HashMap<>(item.handles())).update();
		});
	}

	private LedgerItem map(ResultSet rs, int rowNum) throws SQLException {
		String music = rs.getString("MUSIC");
		return new LedgerItem(rs.getString("JOB_KEY"), rs.getString("ITEM_ID"), rs.getInt("SEQ"), rs.getLong("LINE"),
				Path.of(rs.getString("VIDEO")), rs.getString("FINGERPRINT"), rs.getString("INSTRUCTION"),
				music == null ? null : Path.of(music), Path.of(rs.getString("OUTPUT")), Stage.valueOf(rs.getString("STAGE")),
				ItemStatus.valueOf(rs.getString("STATUS")), rs.getString("PLAN"), read(rs.getString("HANDLES"), HANDLES),
				read(rs.getString("TIMINGS"), TIMINGS), rs.getInt("ATTEMPTS"), rs.getString("LAST_ERROR"),
				rs.getInt("CREDITS"), rs.getTimestamp("UPDATED_AT").toInstant());
	}

	private String write(Map<String, ?> map) {
		try {
			return this.json.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a map of strings always serializes", ex);
		}
	}

	private <T> T read(String text, TypeReference<T> type) {
		if (text == null) {
			return null;
		}
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("corrupt ledger column: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String truncate(String text) {
		return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	private static Timestamp now() {
		return Timestamp.from(Instant.now());
	}

	@FunctionalInterface
	private interface Change {

		JdbcClient.StatementSpec apply(LedgerItem item, Map<String, String> handles);

	}

}
