package bgmbatch.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import bgmbatch.engine.WorkItem;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the ledger's parts share: the {@code BGM_ITEM} table, its rows read into
 * {@link LedgerItem}s, the two ways a write commits, the database's dialect, and the
 * holder-checked change of one row.
 */
final class ItemTable {

	private static final int MAX_ERROR = 4000;

	final JdbcClient jdbc;

	/** Commits before it returns, whatever transaction the caller is in: a write-ahead mark must be durable first. */
	final TransactionTemplate autonomous;

	/** Joins the caller's transaction when there is one (the worker step's chunk). */
	final TransactionTemplate joined;

	final LedgerRows rows = new LedgerRows();

	final RowMapper<LedgerItem> mapper = this.rows::map;

	final LedgerDialect dialect;

	ItemTable(JdbcClient jdbc, PlatformTransactionManager transactionManager, LedgerDialect dialect) {
		this.jdbc = jdbc;
		this.autonomous = new TransactionTemplate(transactionManager);
		this.autonomous.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.joined = new TransactionTemplate(transactionManager);
		this.dialect = dialect;
	}

	Optional<LedgerItem> find(String jobKey, String id) {
		return this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?")
			.params(jobKey, id)
			.query(this.mapper)
			.optional();
	}

	/**
	 * Reads the item and changes it, if the worker holds it. The row is locked for the
	 * read ({@code FOR UPDATE}), so the holder cannot change between the check and the change.
	 * @throws ClaimLostException when the worker does not hold it
	 */
	void updateHeld(TransactionTemplate transaction, String jobKey, String id, String worker, Change change) {
		transaction.executeWithoutResult((tx) -> {
			LedgerItem item = lockedRow(jobKey, id);
			if (!worker.equals(item.claimedBy())) {
				throw new ClaimLostException(worker, id);
			}
			change.apply(item, new HashMap<>(item.handles())).update();
		});
	}

	/** The item's row, locked ({@code FOR UPDATE}) until the transaction ends. */
	LedgerItem lockedRow(String jobKey, String id) {
		return this.jdbc.sql("SELECT * FROM BGM_ITEM WHERE JOB_KEY = ? AND ITEM_ID = ?" + this.dialect.forUpdate())
			.params(jobKey, id)
			.query(this.mapper)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no ledger item " + id + " in job " + jobKey));
	}

	/** The credits the handles hold ({@link WorkItem#CREDITS_HELD}), for the column they are summed in. */
	static int creditsHeld(Map<String, String> handles) {
		String held = handles.get(WorkItem.CREDITS_HELD);
		try {
			return held == null ? 0 : Integer.parseInt(held);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(WorkItem.CREDITS_HELD + " must be a number of credits, not " + held, ex);
		}
	}

	/** A reason as the {@code LAST_ERROR} and {@code REASON} columns hold it. */
	static String truncate(String text) {
		return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	static Timestamp now() {
		return Timestamp.from(Instant.now());
	}

	/** A change of one item's row, given the row as read and a copy of its handles to change. */
	@FunctionalInterface
	interface Change {

		JdbcClient.StatementSpec apply(LedgerItem item, Map<String, String> handles);

	}

}
