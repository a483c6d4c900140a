package bgmbatch.ledger;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which worker runs each worker slot (a partition's step execution) of a distributed run,
 * leased in the shared database like an item claim and renewed by the worker's lease
 * keeper. A request is acknowledged as soon as a worker has taken its slot, so RabbitMQ
 * never holds an unacknowledged request while a slot runs (its {@code consumer_timeout}
 * can never fire, however long a job); instead, the manager sends a slot whose lease ran
 * out (its worker died) or that was handed back (its worker stopped) to the workers again.
 * <p>
 * The table is PostgreSQL's only (slots exist on a shared database); it lives here with
 * the ledger's other tables so that every statement on our tables is in this package.
 */
public final class SlotLeases {

	private final JdbcClient jdbc;

	public SlotLeases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the slot for the runner, unless a live runner holds it.
	 * @return whether the runner has it now
	 */
	public boolean take(long stepExecutionId, long jobExecutionId, String runner, Duration lease) {
		return this.jdbc.sql("""
				INSERT INTO BGM_SLOT (STEP_EXECUTION_ID, JOB_EXECUTION_ID, RUNNER, LEASE_UNTIL)
				VALUES (?, ?, ?, CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond')
				ON CONFLICT (STEP_EXECUTION_ID) DO UPDATE SET RUNNER = EXCLUDED.RUNNER, LEASE_UNTIL = EXCLUDED.LEASE_UNTIL
				WHERE BGM_SLOT.RUNNER IS NULL OR BGM_SLOT.LEASE_UNTIL < CURRENT_TIMESTAMP""")
			.params(stepExecutionId, jobExecutionId, runner, lease.toMillis())
			.update() == 1;
	}

	public boolean renew(long stepExecutionId, String runner, Duration lease) {
		return this.jdbc.sql("""
				UPDATE BGM_SLOT SET LEASE_UNTIL = CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'
				WHERE STEP_EXECUTION_ID = ? AND RUNNER = ?""")
			.params(lease.toMillis(), stepExecutionId, runner)
			.update() == 1;
	}

	/** The slot's step has ended: nothing to send again. */
	public void release(long stepExecutionId, String runner) {
		this.jdbc.sql("DELETE FROM BGM_SLOT WHERE STEP_EXECUTION_ID = ? AND RUNNER = ?")
			.params(stepExecutionId, runner)
			.update();
	}

	/** The runner is stopping with the slot's step unfinished: the manager sends it out again at its next look. */
	public void handBack(long stepExecutionId, String runner) {
		this.jdbc.sql("""
				UPDATE BGM_SLOT SET LEASE_UNTIL = CURRENT_TIMESTAMP - INTERVAL '1 millisecond'
				WHERE STEP_EXECUTION_ID = ? AND RUNNER = ?""")
			.params(stepExecutionId, runner)
			.update();
	}

	/** The job execution's slots whose runner is gone: its lease ran out, or it handed the slot back. */
	public List<Long> orphans(long jobExecutionId) {
		return this.jdbc.sql("""
				SELECT STEP_EXECUTION_ID FROM BGM_SLOT
				WHERE JOB_EXECUTION_ID = ? AND RUNNER IS NOT NULL AND LEASE_UNTIL < CURRENT_TIMESTAMP""")
			.param(jobExecutionId)
			.query(Long.class)
			.list();
	}

	/** The workers running the job execution's slots now (their leases have not run out). */
	public List<String> runners(long jobExecutionId) {
		return live("RUNNER", String.class, jobExecutionId);
	}

	/** The slot was sent to the workers again: not an orphan any more until a worker takes it and is lost in turn. */
	public void sentAgain(long stepExecutionId) {
		this.jdbc.sql("""
				UPDATE BGM_SLOT SET RUNNER = NULL, LEASE_UNTIL = NULL
				WHERE STEP_EXECUTION_ID = ? AND LEASE_UNTIL < CURRENT_TIMESTAMP""")
			.param(stepExecutionId)
			.update();
	}

	/** The job execution's slots a live worker runs now (their leases have not run out). */
	public List<Long> heldSlots(long jobExecutionId) {
		return live("STEP_EXECUTION_ID", Long.class, jobExecutionId);
	}

	/**
	 * The job database's name for itself, made when its tables were: workers and managers of
	 * one database share a queue, those of another database sharing the broker do not.
	 */
	public String databaseId() {
		return this.jdbc.sql("SELECT ID FROM BGM_DATABASE").query(String.class).single();
	}

	private <T> List<T> live(String column, Class<T> type, long jobExecutionId) {
		return this.jdbc.sql("""
				SELECT %s FROM BGM_SLOT
				WHERE JOB_EXECUTION_ID = ? AND RUNNER IS NOT NULL AND LEASE_UNTIL >= CURRENT_TIMESTAMP""".formatted(column))
			.param(jobExecutionId)
			.query(type)
			.list();
	}

}
