package bgmbatch.cli;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import bgmbatch.job.JobParams;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** {@code status manifest=FILE}: the latest execution, its stage steps, and every item with the stage it is at. */
final class StatusCommand implements ManifestCommand {

	private final JobRepository repository;

	private final Ledger ledger;

	StatusCommand(JobRepository repository, Ledger ledger) {
		this.repository = repository;
		this.ledger = ledger;
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
		out.printf("  %-20s %-10s %-9s %-8s %s%n", "ID", "STATUS", "STAGE", "ATTEMPTS", "REASON");
		this.ledger.forEach(params.jobKey(), (item) -> out.println("  %-20s %-10s %-9s %-8d %s".formatted(item.id(),
				item.status().name().toLowerCase(Locale.ROOT), item.stage().stepName(), item.attempts(),
				item.lastError() == null ? "" : item.lastError().lines().findFirst().orElse("")).stripTrailing()));
		return ExitCode.OK;
	}

}
