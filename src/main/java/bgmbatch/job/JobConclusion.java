package bgmbatch.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import bgmbatch.engine.JobHaltException;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.JobStop;
import bgmbatch.ledger.Ledger;
import bgmbatch.report.ReportWriter;
import bgmbatch.report.RunSummary;
import bgmbatch.report.SummaryPrinter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Decides how a run ended and tells the operator. Failed items fail the job (so the same
 * command restarts it); a halt for credits or plan limits gets its own exit status. The
 * reports are written whatever happened, because a failed night is when they matter most.
 */
final class JobConclusion implements JobExecutionListener {

	/** Exit status of a job stopped for credits or plan limits. */
	static final String HALTED = "HALTED";

	private static final Log logger = LogFactory.getLog(JobConclusion.class);

	private final Ledger ledger;

	private final ReportWriter reports;

	private final SummaryPrinter printer;

	JobConclusion(Ledger ledger, ReportWriter reports, SummaryPrinter printer) {
		this.ledger = ledger;
		this.reports = reports;
		this.printer = printer;
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
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("manifest", params.manifest().toString());
		header.put("engine", params.engine());
		header.put("execution", execution.getId());
		header.put("status", execution.getStatus().name());
		header.put("outcome", outcome);
		header.put("started", String.valueOf(execution.getStartTime()));
		header.put("finished", Instant.now().toString());
		try {
			RunSummary summary = this.reports.write(params.jobKey(), header, params.output(),
					params.manifest().toString(), params.engine(), outcome);
			this.printer.print(summary, params.output());
		}
		catch (IOException ex) {
			logger.error("cannot write the report into " + params.output(), ex);
			this.printer.print(new RunSummary(params.manifest().toString(), params.engine(),
					outcome + " (the report could not be written: " + ex.getMessage() + ")", 0, 0, 0, 0, 0,
					java.util.List.of()), (Path) null);
		}
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
