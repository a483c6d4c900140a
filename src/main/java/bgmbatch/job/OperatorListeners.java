package bgmbatch.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.StageWords;

import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.live.LiveBoard;
import bgmbatch.logs.ExecutionLog;
import bgmbatch.progress.ProgressDisplay;
import bgmbatch.state.StateFolder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** The job-level hooks of the operator's view: the per-execution log file, and the start and end of the display. */
final class OperatorListeners {

	private static final Log logger = LogFactory.getLog(OperatorListeners.class);

	private OperatorListeners() {
	}

	/** Opens the execution's own log file before anything runs, closes it after the report is written. */
	static JobExecutionListener executionLog(StateFolder state) {
		return new JobExecutionListener() {

			private ExecutionLog.Handle handle;

			@Override
			public void beforeJob(JobExecution execution) {
				JobParams params = JobParams.of(execution.getJobParameters());
				try {
					this.handle = ExecutionLog.open(state.executionLogs(params.manifest()), execution.getId());
					logger.info("execution " + execution.getId() + " of " + params.manifest() + " logs to "
							+ this.handle.file());
				}
				catch (IOException ex) {
					logger.warn("cannot open the execution log: " + ex.getMessage());
				}
			}

			@Override
			public void afterJob(JobExecution execution) {
				if (this.handle != null) {
					this.handle.close();
					this.handle = null;
				}
			}

		};
	}

	/**
	 * Tells the display the job's size, and the live status every item, once the prepare
	 * step has loaded the ledger.
	 */
	static StepExecutionListener begin(Ledger ledger, ProgressDisplay display, LiveBoard live, StageWords words) {
		return new StepExecutionListener() {

			@Override
			public ExitStatus afterStep(StepExecution stepExecution) {
				JobExecution job = stepExecution.getJobExecution();
				JobParams params = JobParams.of(job.getJobParameters());
				Map<ItemStatus, Integer> counts = ledger.countByStatus(params.jobKey());
				int total = counts.values().stream().mapToInt(Integer::intValue).sum();
				display.begin(total, total - counts.getOrDefault(ItemStatus.PENDING, 0));
				// only the items with work left are listed one by one; those already delivered or
				// skipped are counted (a 100 000-row job must fit a 128 MB heap)
				List<LiveBoard.ItemState> items = new ArrayList<>(counts.getOrDefault(ItemStatus.PENDING, 0));
				ledger.forEach(params.jobKey(), (item) -> {
					if (item.status() == ItemStatus.PENDING) {
						items.add(new LiveBoard.ItemState(item.id(), "waiting", item.stage(), words.of(item.stage()),
								null, null, null));
					}
				});
				live.begin(params.manifest(), job.getId(), items, counts.getOrDefault(ItemStatus.DELIVERED, 0),
						counts.getOrDefault(ItemStatus.SKIPPED, 0));
				return null;
			}

		};
	}

	/**
	 * Stops the display before the summary is printed (registered after the conclusion, so
	 * it runs first), and takes the live status down: the run is over.
	 */
	static JobExecutionListener closeDisplay(ProgressDisplay display, LiveBoard live) {
		return new JobExecutionListener() {

			@Override
			public void afterJob(JobExecution execution) {
				display.close();
				live.close();
			}

		};
	}

}
