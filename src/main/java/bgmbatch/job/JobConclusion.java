package bgmbatch.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.StageWords;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.JobStop;
import bgmbatch.ledger.Ledger;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestSource;
import bgmbatch.report.JobFacts;
import bgmbatch.report.ReportWriter;
import bgmbatch.report.RunSummary;
import bgmbatch.report.SummaryPrinter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Decides how a run ended and tells the operator. Failed items fail the job (so the same
 * command restarts it); a halt for credits or plan limits gets its own exit status. The
 * reports are written whatever happened, because a failed night is when they matter most,
 * and they describe the job across all its runs, so a morning rerun still shows the night.
 */
final class JobConclusion implements JobExecutionListener {

	/** Exit status of a job stopped for credits or plan limits. */
	static final String HALTED = "HALTED";

	/** Exit status of a job stopped on request (SIGTERM, Ctrl-C). */
	static final String STOPPED_ON_REQUEST = "STOPPED";

	private static final Log logger = LogFactory.getLog(JobConclusion.class);

	private final Ledger ledger;

	private final JobRepository repository;

	private final StageWords words;

	private final ReportWriter reports;

	private final SummaryPrinter printer;

	private final OutputTarget target;

	private final StopRequest stop;

	private final BinaryOperator<String> reportAddress;

	/**
	 * @param words the engine's words for its stages, which the reports use
	 * @param reportAddress where a person opens a report file (name, path) ({@code report-url})
	 */
	JobConclusion(Ledger ledger, JobRepository repository, StageWords words, ReportWriter reports,
			SummaryPrinter printer, OutputTarget target, StopRequest stop, BinaryOperator<String> reportAddress) {
		this.ledger = ledger;
		this.repository = repository;
		this.words = words;
		this.reports = reports;
		this.printer = printer;
		this.target = target;
		this.stop = stop;
		this.reportAddress = reportAddress;
	}

	@Override
	public void afterJob(JobExecution execution) {
		JobParams params = JobParams.of(execution.getJobParameters());
		Map<ItemStatus, Integer> counts = this.ledger.countByStatus(params.jobKey());
		int failed = counts.getOrDefault(ItemStatus.FAILED, 0);
		Optional<String> halt = halt(execution);
		String outcome;
		if (halt.isPresent()) {
			execution.setStatus(BatchStatus.STOPPED);
			execution.setExitStatus(new ExitStatus(HALTED, halt.get()));
			outcome = "Job stopped: " + halt.get() + ". Run the same command again to continue.";
		}
		else if (this.stop.stopRequested()) {
			// recorded as Spring Batch records a stopped job: the same command restarts it
			execution.setStatus(BatchStatus.STOPPED);
			execution.setExitStatus(new ExitStatus(STOPPED_ON_REQUEST, "stopped on request"));
			int left = counts.getOrDefault(ItemStatus.PENDING, 0) + failed;
			outcome = "Job stopped on request with " + left + " item(s) left. Run the same command again to resume.";
		}
		else if (execution.getStatus() == BatchStatus.COMPLETED && failed > 0) {
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(ExitStatus.FAILED.addExitDescription(failed + " item(s) failed"));
			outcome = "Job failed: " + failed + " item(s) failed. Run the same command again to retry them.";
		}
		else if (execution.getStatus() == BatchStatus.COMPLETED) {
			outcome = "Job finished.";
		}
		else {
			outcome = "Job failed: " + firstFailure(execution) + ". Run the same command again to resume.";
		}
		ExitCode exit = ExitCode.of(execution, counts.getOrDefault(ItemStatus.SKIPPED, 0));
		try {
			JobFacts job = new JobFacts(params.manifest().toString(), params.engine(), outcome,
					execution.getStatus().name(), exit.code(), exit.meaning(), runs(params, execution), this.words);
			RunSummary summary = this.reports.write(params.jobKey(), job, params.output(), noteColumns(params));
			this.printer.print(summary,
					this.reportAddress.apply(OutputTarget.REPORT, this.target.publishReports(params.output())));
		}
		catch (IOException | RuntimeException ex) {
			logger.error("cannot write the report into " + params.output(), ex);
			this.printer.print(RunSummary.nothing(params.manifest().toString(), params.engine(),
					outcome + " (the report could not be written: " + ex.getMessage() + ")"), (Path) null);
		}
	}

	/** The manifest's columns the job does not use, which the reports carry; none when it cannot be read now. */
	private static List<String> noteColumns(JobParams params) {
		try {
			return new ManifestReader(ManifestSource.of(params.manifest()), params.output(), false).noteColumns();
		}
		catch (RuntimeException ex) {
			logger.warn("cannot read the manifest's columns for the report: " + ex.getMessage());
			return List.of();
		}
	}

	/**
	 * Every run of this job, oldest first: the executions of each generation of its job
	 * instance, the current one ending now. A run killed without a trace ends, here, at the
	 * last step it recorded, not when the next run marked it failed.
	 */
	private List<JobFacts.Run> runs(JobParams params, JobExecution current) {
		List<JobFacts.Run> runs = new ArrayList<>();
		for (long generation = 1; generation <= params.generation(); generation++) {
			JobInstance instance = this.repository.getJobInstance(BgmJobConfiguration.JOB_NAME,
					new JobParams(params.manifest(), params.sha256(), generation, params.output(), params.engine(),
							params.bucket())
						.toJobParameters());
			if (instance == null) {
				continue;
			}
			for (JobExecution past : this.repository.getJobExecutions(instance)) {
				if (past.getId() != current.getId() && past.getStartTime() != null) {
					runs.add(new JobFacts.Run(past.getId(), instant(past.getStartTime()), lastActivity(past),
							past.getStatus().name()));
				}
			}
		}
		Instant started = current.getStartTime() == null ? Instant.now() : instant(current.getStartTime());
		runs.add(new JobFacts.Run(current.getId(), started, Instant.now(), current.getStatus().name()));
		return runs;
	}

	private static Instant lastActivity(JobExecution execution) {
		LocalDateTime last = null;
		for (StepExecution step : execution.getStepExecutions()) {
			LocalDateTime at = step.getEndTime() != null ? step.getEndTime() : step.getLastUpdated();
			if (at != null && (last == null || at.isAfter(last))) {
				last = at;
			}
		}
		if (last == null) {
			last = execution.getEndTime() != null ? execution.getEndTime() : execution.getLastUpdated();
		}
		return last == null ? instant(execution.getStartTime()) : instant(last);
	}

	/** Spring Batch keeps local date-times, written in this machine's zone. */
	private static Instant instant(LocalDateTime time) {
		return time.atZone(ZoneId.systemDefault()).toInstant();
	}


	/**
	 * Why the job stopped for credits or plan limits, if it did: as a worker recorded it in
	 * the ledger (wherever it ran), else as this process saw it thrown.
	 */
	private Optional<String> halt(JobExecution execution) {
		Optional<JobStop> stop = this.ledger.stopOf(execution.getId()).filter(JobStop::halt);
		if (stop.isPresent()) {
			return stop.map(JobStop::reason);
		}
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				if (t instanceof JobHaltException haltException) {
					return Optional.of(haltException.getMessage());
				}
			}
		}
		return Optional.empty();
	}

	/** What made the workers stop, wherever they ran, else the first failure this process saw. */
	private String firstFailure(JobExecution execution) {
		Optional<JobStop> stop = this.ledger.stopOf(execution.getId());
		if (stop.isPresent()) {
			return stop.get().reason();
		}
		return execution.getAllFailureExceptions()
			.stream()
			.map((t) -> {
				Throwable root = t;
				while (root.getCause() != null && root.getCause() != root) {
					root = root.getCause();
				}
				return ItemFailureRecorder.reason(root);
			})
			.findFirst()
			.orElse(execution.getExitStatus().getExitDescription());
	}

}
