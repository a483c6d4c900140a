package bgmbatch.ledger;

import java.util.Optional;

/** The word to every worker of a job execution to claim no further item, and why ({@code BGM_STOP}). */
final class JobStops {

	private final ItemTable table;

	JobStops(ItemTable table) {
		this.table = table;
	}

	/** Records the stop; the first reason given stays. */
	void stop(long jobExecutionId, String reason, boolean halt) {
		this.table.autonomous.executeWithoutResult((tx) -> {
			if (stopOf(jobExecutionId).isEmpty()) {
				this.table.jdbc.sql("INSERT INTO BGM_STOP (JOB_EXECUTION_ID, REASON, HALT) VALUES (?, ?, ?)")
					.params(jobExecutionId, ItemTable.truncate(reason == null ? "stopped" : reason), halt)
					.update();
			}
		});
	}

	Optional<JobStop> stopOf(long jobExecutionId) {
		return this.table.jdbc.sql("SELECT REASON, HALT FROM BGM_STOP WHERE JOB_EXECUTION_ID = ?")
			.param(jobExecutionId)
			.query((rs, row) -> new JobStop(rs.getString(1), rs.getBoolean(2)))
			.optional();
	}

}
