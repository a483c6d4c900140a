package bgmbatch.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What differs between the two databases the ledger lives in: the embedded HSQLDB file
 * database of a one-machine run, and PostgreSQL, shared by the machines of a distributed
 * run. Lease times are always the database's clock, never a JVM's: machines whose clocks
 * disagree still agree on when a lease ran out.
 */
public enum LedgerDialect {

	/** One process at a time opens the database: claims go one at a time within it. */
	HSQLDB("ledger-schema.sql", "LOCALTIMESTAMP", "DATEADD('MILLISECOND', ?, LOCALTIMESTAMP)", ""),

	/**
	 * Shared by many processes: claims use {@code FOR UPDATE SKIP LOCKED}, times are
	 * {@code TIMESTAMPTZ} (the JDBC driver sets each session's time zone to its JVM's, and
	 * machines may be in different zones).
	 */
	POSTGRESQL("ledger-schema-postgresql.sql", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'",
			" FOR UPDATE");

	private final String schema;

	private final String now;

	private final String nowPlusMillis;

	private final String forUpdate;

	LedgerDialect(String schema, String now, String nowPlusMillis, String forUpdate) {
		this.schema = schema;
		this.now = now;
		this.nowPlusMillis = nowPlusMillis;
		this.forUpdate = forUpdate;
	}

	/** Locks the rows a select reads until the transaction ends (the embedded database's one process needs no lock). */
	String forUpdate() {
		return this.forUpdate;
	}

	/** The database's current time, in SQL. */
	String now() {
		return this.now;
	}

	/** The database's current time plus a parameter in milliseconds, in SQL. */
	String nowPlusMillis() {
		return this.nowPlusMillis;
	}

	/**
	 * One statement that claims the first free waiting item and returns its id, skipping
	 * rows another worker is claiming right now instead of waiting for them, and those the
	 * worker handed back ({@link ItemRefusals}: its machine cannot work on them) (PostgreSQL);
	 * empty for the embedded database, whose one process claims one at a time in two
	 * statements. Parameters: worker, lease in milliseconds, job, job, worker.
	 */
	Optional<String> claimInOneStatement() {
		return this != POSTGRESQL ? Optional.empty() : Optional.of("""
				UPDATE BGM_ITEM SET CLAIMED_BY = ?, LEASE_UNTIL = %s WHERE JOB_KEY = ? AND ITEM_ID = (
				  SELECT ITEM_ID FROM BGM_ITEM I WHERE JOB_KEY = ? AND STATUS = 'PENDING' AND STAGE <> 'DONE'
				    AND (CLAIMED_BY IS NULL OR LEASE_UNTIL < %s) AND NOT EXISTS (SELECT 1 FROM BGM_REFUSAL R
				      WHERE R.JOB_KEY = I.JOB_KEY AND R.ITEM_ID = I.ITEM_ID AND R.WORKER = ?)
				    ORDER BY SEQ LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING ITEM_ID""".formatted(this.nowPlusMillis, this.now));
	}

	/**
	 * The statements that take and release a lock shared by every process on the database
	 * (a PostgreSQL advisory lock, parameter: its key); empty for the embedded database,
	 * which only one process opens.
	 */
	Optional<SharedLock> sharedLock() {
		return this != POSTGRESQL ? Optional.empty()
				: Optional.of(new SharedLock("SELECT 1 FROM pg_advisory_lock(?)", "SELECT 1 FROM pg_advisory_unlock(?)"));
	}

	/** The queries that take a shared lock (waiting for it) and release it; each returns one row. */
	record SharedLock(String take, String release) {

	}

	/** Creates the ledger's tables where they are missing; safe to run on every start, by several processes at once. */
	public void createSchema(DataSource dataSource) {
		ResourceDatabasePopulator script = new ResourceDatabasePopulator(new ClassPathResource(this.schema));
		new TransactionTemplate(new DataSourceTransactionManager(dataSource))
			.executeWithoutResult((tx) -> DatabasePopulatorUtils.execute(script, dataSource));
	}

	/** The dialect of the database behind the data source. */
	public static LedgerDialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("postgresql")) {
				return POSTGRESQL;
			}
			if (product.contains("hsql")) {
				return HSQLDB;
			}
			throw new IllegalStateException("the job database must be PostgreSQL (or the embedded default), not "
					+ connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot open the job database: " + ex.getMessage(), ex);
		}
	}

}
