package bgmbatch.cli;

import java.nio.file.Path;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.StageWords;
import bgmbatch.job.ExitCode;
import bgmbatch.job.JobParams;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code status manifest=FILE} when no run is in progress: the latest execution, how it
 * ended, and every item with the stage it is at (in the words of the engine that ran it).
 * A run in progress is shown from its own published status instead ({@link LiveStatusView}).
 */
final class StatusCommand implements ManifestCommand {

	private final JobRepository repository;

	private final Ledger ledger;

	private final EditingEngine engine;

	private final String engineName;

	/**
	 * @param engine the engine of this context
	 * @param engineName its name, to tell whether it is the one that ran the job
	 */
	private final Path manifest;

	/** Whether the job database is shared by machines (PostgreSQL): a run marked running may be running there. */
	private final boolean shared;

	StatusCommand(Path manifest, JobRepository repository, Ledger ledger, EditingEngine engine, String engineName,
			boolean shared) {
		this.manifest = manifest;
		this.shared = shared;
		this.repository = repository;
		this.ledger = ledger;
		this.engine = engine;
		this.engineName = engineName;
	}

	@Override
	public ExitCode run(PrintStream out) {
		Optional<JobExecution> latest = LatestExecution.of(this.repository, this.manifest);
		if (latest.isEmpty()) {
			out.println("No run of this manifest has started yet.");
			return ExitCode.OK;
		}
		JobExecution execution = latest.get();
		JobParams params = JobParams.of(execution.getJobParameters());
		// on its own database the caller holds the run lock: an execution still marked running was left so by a
		// process that is gone; on a shared one its workers may be at it on other machines
		out.printf("Manifest:  %s%n", params.manifest());
		out.printf("Run:       execution %d, %s%n", execution.getId(),
				this.shared && execution.isRunning()
						? "running on the workers (if its manager is gone, the same command recovers it)"
						: RunWords.explained(execution));
		out.printf("Started:   %s%nEnded:     %s%n", RunWords.time(execution.getStartTime()),
				RunWords.time(execution.getEndTime()));
		Map<ItemStatus, Integer> counts = this.ledger.countByStatus(params.jobKey());
		out.printf("Items:     %d delivered, %d skipped, %d failed, %d pending%n",
				counts.getOrDefault(ItemStatus.DELIVERED, 0), counts.getOrDefault(ItemStatus.SKIPPED, 0),
				counts.getOrDefault(ItemStatus.FAILED, 0), counts.getOrDefault(ItemStatus.PENDING, 0));
		StageWords words = params.engine().equals(this.engineName) ? this.engine.stageWords() : StageWords.LEDGER;
		out.printf("  %-20s %-10s %-11s %-8s %-24s %s%n", "ID", "STATUS", "STAGE", "ATTEMPTS", "HELD BY", "REASON");
		this.ledger.forEach(params.jobKey(), (item) -> out.println("  %-20s %-10s %-11s %-8d %-24s %s".formatted(item.id(),
				item.status().name().toLowerCase(Locale.ROOT), words.of(item.stage()), item.attempts(),
				item.claimedBy() == null ? "" : item.claimedBy(),
				item.lastError() == null ? "" : item.lastError().lines().findFirst().orElse("")).stripTrailing()));
		return ExitCode.OK;
	}

}
