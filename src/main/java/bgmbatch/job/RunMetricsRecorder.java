package bgmbatch.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.metrics.MetricsExport;
import bgmbatch.metrics.RunMetrics;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Gathers a run's metrics when it has decided its exit code, for every outcome of a run
 * that got as far as the job (a night with nothing to do is a success too), and hands them
 * to the {@link MetricsExport}.
 */
final class RunMetricsRecorder {

	/** Job instances read at a time while looking for the job's last success. */
	private static final int INSTANCE_PAGE = 50;

	private final Ledger ledger;

	private final JobRepository repository;

	private final MetricsExport export;

	RunMetricsRecorder(Ledger ledger, JobRepository repository, MetricsExport export) {
		this.ledger = ledger;
		this.repository = repository;
		this.export = export;
	}

	void record(JobParams job, ExitCode exit, Instant started) {
		if (!this.export.enabled()) {
			return;
		}
		int[] counts = new int[ItemStatus.values().length];
		long[] credits = { 0 };
		double[] media = { 0 };
		this.ledger.forEach(job.jobKey(), (item) -> {
			counts[item.status().ordinal()]++;
			credits[0] += item.credits();
			if (item.status() == ItemStatus.DELIVERED) {
				media[0] += seconds(item.handles().get(WorkItem.INPUT_DURATION));
			}
		});
		Instant now = Instant.now();
		boolean success = exit == ExitCode.OK || exit == ExitCode.SKIPPED;
		this.export.publish(new RunMetrics(job.manifest().toString(), job.engine(),
				counts[ItemStatus.DELIVERED.ordinal()], counts[ItemStatus.SKIPPED.ordinal()],
				counts[ItemStatus.FAILED.ordinal()], Duration.between(started, now).toMillis() / 1000.0, media[0],
				credits[0], exit.code(), success ? now : lastSuccess(job)));
	}

	/** When an execution of this job (any generation) last finished, or null. */
	private Instant lastSuccess(JobParams job) {
		LocalDateTime last = null;
		for (int start = 0;; start += INSTANCE_PAGE) {
			List<JobInstance> instances = this.repository.getJobInstances(BgmJobConfiguration.JOB_NAME, start,
					INSTANCE_PAGE);
			for (JobInstance instance : instances) {
				for (JobExecution execution : this.repository.getJobExecutions(instance)) {
					if (execution.getStatus() == BatchStatus.COMPLETED && execution.getEndTime() != null
							&& JobParams.of(execution.getJobParameters()).sameJob(job)
							&& (last == null || execution.getEndTime().isAfter(last))) {
						last = execution.getEndTime();
					}
				}
			}
			if (instances.size() < INSTANCE_PAGE) {
				// Spring Batch keeps local date-times, written in this machine's zone
				return last == null ? null : last.atZone(ZoneId.systemDefault()).toInstant();
			}
		}
	}

	private static double seconds(String duration) {
		if (duration == null) {
			return 0;
		}
		try {
			return Double.parseDouble(duration);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
