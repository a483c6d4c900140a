package bgmbatch.cli;

import java.io.PrintStream;
import java.util.Comparator;
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
import org.springframework.batch.core.step.StepExecution;

/**
 * {@code status manifest=FILE}: the latest execution, its steps, and every item with the
 * stage it is at (in the words of the engine that ran it) and the worker holding it, if any.
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
	StatusCommand(JobRepository repository, Ledger ledger, EditingEngine engine, String engineName) {
		this.repository = repository;
		this.ledger = ledger;
		this.engine = engine;
		this.engineName = engineName;
	}

	@Override
	public ExitCode run(PrintStream out) {
		Optional<JobExecution> latest = LatestExecution.of(this.repository);
		if (latest.isEmpty()) {
			out.println("No run of this manifest has started yet.");
			return ExitCode.OK;
		}
		JobExecution execution = latest.get();
		JobParams params = JobParams.of(execution.getJobParameters());
		out.printf("Manifest:  %s%n", params.manifest());
		out.printf("Execution: %d (generation %d) %s, exit %s%n", execution.getId(), params.generation(),
				execution.getStatus(), execution.getExitStatus().getExitCode());
		out.printf("Started:   %s%nEnded:     %s%n", execution.getStartTime(),
				execution.getEndTime() == null ? "-" : execution.getEndTime());
		out.println("Steps:");
		execution.getStepExecutions()
			.stream()
			.filter((step) -> !step.getStepName().contains(":"))
			.sorted(Comparator.comparing(StepExecution::getId))
			.forEach((step) -> out.printf("  %-9s %-10s read %d, written %d, skipped %d%n", step.getStepName(),
					step.getStatus(), step.getReadCount(), step.getWriteCount(), step.getSkipCount()));
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
