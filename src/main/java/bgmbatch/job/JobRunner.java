package bgmbatch.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.EditingEngine;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestSource;
import bgmbatch.media.MediaProbe;
import bgmbatch.report.ReportWriter;
import bgmbatch.settings.RunProperties;
import bgmbatch.source.RemoteInputs;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts, restarts or declines a run of the manifest, and maps the result to an exit
 * code. The manifest is checked whole before anything starts; a run left STARTED by a
 * killed process is recovered under the job's lock (which proves that process is gone)
 * and, on one machine, the items its workers held are let go; with workers on other
 * machines their claims run out instead, since a worker may outlive its manager. A
 * finished job runs again for items whose output went missing and for skipped items whose
 * file has arrived since, or when forced. A job that still has skipped items ends with
 * exit 3 at every run, even one with nothing new to do, so cron and the notifier keep
 * telling until the files are there.
 */
public final class JobRunner {

	/** The job's name in the repository, for the job commands that read it. */
	public static final String JOB_NAME = BgmJobConfiguration.JOB_NAME;

	/** The exit status of an execution stopped for credits or plan limits, for the job commands that read it. */
	public static final String HALTED = JobConclusion.HALTED;

	/** Job instances read at a time while looking for this job's newest. */
	private static final int INSTANCE_PAGE = 50;

	private final JobOperator operator;

	private final JobRepository repository;

	private final Job job;

	private final Ledger ledger;

	private final EditingEngine engine;

	private final RunProperties properties;

	private final PrintStream console;

	private final MediaProbe probe;

	private final OutputTarget target;

	private final InputCheck inputs;

	private final JobLock lock;

	private final RunMetricsRecorder metrics;

	JobRunner(JobOperator operator, JobRepository repository, Job job, Ledger ledger, EditingEngine engine,
			RunProperties properties, PrintStream console, MediaProbe probe, OutputTarget target,
			RemoteInputs remote, JobLock lock, RunMetricsRecorder metrics) {
		this.operator = operator;
		this.repository = repository;
		this.job = job;
		this.ledger = ledger;
		this.engine = engine;
		this.properties = properties;
		this.console = console;
		this.probe = probe;
		this.target = target;
		this.inputs = new InputCheck(remote);
		this.lock = lock;
		this.metrics = metrics;
	}

	public ExitCode run() throws Exception {
		ManifestSource source = ManifestSource.of(this.properties.manifest());
		Path output = this.properties.outputFolder();
		int rows = new ManifestReader(source, output, this.properties.keepContainer()).validate();
		// every engine's output is verified with ffprobe
		this.probe.checkInstalled();
		this.engine.checkReady();
		JobParams fresh = fresh(source, this.properties);
		String jobKey = fresh.jobKey();
		if (this.properties.dryRun()) {
			return new DryRun(this.engine, this.console, this.inputs, this.probe).run(source, output,
					this.properties.keepContainer(), jobKey);
		}
		if (this.properties.explain() != RunProperties.Explain.FALSE) {
			new PlanExplainer(this.engine, this.console, this.properties.explain() == RunProperties.Explain.JSON)
				.explain(source, output, this.properties.keepContainer(), jobKey);
			return ExitCode.OK;
		}
		this.lock.hold(jobKey, output);
		if (this.properties.distributed()) {
			// the workers check that they see it (a shared mount), so it must exist before they start
			Files.createDirectories(output);
		}
		Instant started = Instant.now();
		ExitCode exit = run(source, fresh, rows);
		this.metrics.record(fresh, exit, started);
		return exit;
	}

	private ExitCode run(ManifestSource source, JobParams fresh, int rows) throws Exception {
		String jobKey = fresh.jobKey();
		JobExecution last = lastExecution(fresh);
		boolean interrupted = last != null && last.getStatus().isRunning();
		if (interrupted) {
			// we hold the job's lock, so the process that left it running is gone
			this.console.println("Recovering the run interrupted at " + last.getStartTime() + ".");
			last = this.operator.recover(last);
		}
		if (!this.properties.distributed()) {
			// we hold the run locks: no worker of this job is alive, so whatever is still claimed was a killed run's
			this.ledger.releaseClaims(jobKey);
		}
		ReportWriter.removeUnfinished(fresh.output());
		if (this.properties.force()) {
			this.ledger.forget(jobKey);
			return launch(next(fresh, last));
		}
		this.ledger.requeueFailed(jobKey);
		int missing = this.ledger.requeueMissingOutputs(jobKey, this.engine.redoStageForMissingOutput(),
				this.target::exists);
		if (missing > 0) {
			this.console.println(missing + " delivered output(s) went missing; they will be made again.");
		}
		int arrived = new SkippedRecheck(this.ledger, this.inputs).requeueReady(jobKey);
		if (arrived > 0) {
			this.console.println(arrived + " skipped item(s) can go ahead now (their files are in place); they will be done.");
		}
		if (last == null) {
			this.console.println("Starting " + rows + " item(s) from " + source.path() + " on the "
					+ this.properties.engine() + " engine" + (this.properties.distributed() ? ", on the workers." : "."));
			return launch(fresh);
		}
		if (last.getStatus() == BatchStatus.COMPLETED) {
			Map<ItemStatus, Integer> counts = this.ledger.countByStatus(jobKey);
			if (counts.getOrDefault(ItemStatus.PENDING, 0) == 0) {
				int skipped = counts.getOrDefault(ItemStatus.SKIPPED, 0);
				if (skipped > 0) {
					this.console.printf("Nothing new to do: %d delivered, %d still skipped (the report in %s says why; "
							+ "the next run picks up a file that has arrived).%n", counts.getOrDefault(ItemStatus.DELIVERED, 0),
							skipped, this.target.describe(fresh.output()));
					return ExitCode.SKIPPED;
				}
				this.console.printf("Nothing to do: %d delivered (report in %s).%n",
						counts.getOrDefault(ItemStatus.DELIVERED, 0), this.target.describe(fresh.output()));
				return ExitCode.OK;
			}
			return launch(next(fresh, last));
		}
		if (last.getStatus() == BatchStatus.ABANDONED) {
			return launch(next(fresh, last));
		}
		if (interrupted) {
			// A kill can land after Spring Batch saved a lane's step execution but before it
			// saved that lane's context; restarting the execution hands the lane an empty
			// context (no lane number), and the lane fails on every rerun. Items lose nothing
			// by a fresh execution: their progress is in the ledger, not in Batch's contexts.
			this.console.println("Resuming the items of the interrupted run.");
			return launch(next(fresh, last));
		}
		JobParams previous = JobParams.of(last.getJobParameters());
		this.console.println("Resuming the run of " + last.getStartTime() + ".");
		return launch(fresh.generation(previous.generation()));
	}

	/**
	 * The newest execution of this job (manifest, content, output folder and engine), of
	 * any generation. A manifest's database also holds its jobs into other output folders
	 * or on the other engine, and those are not this job.
	 */
	private JobExecution lastExecution(JobParams job) {
		for (int start = 0;; start += INSTANCE_PAGE) {
			List<JobInstance> instances = this.repository.getJobInstances(BgmJobConfiguration.JOB_NAME, start,
					INSTANCE_PAGE);
			for (JobInstance instance : instances) {
				JobExecution execution = this.repository.getLastJobExecution(instance);
				if (execution != null && JobParams.of(execution.getJobParameters()).sameJob(job)) {
					return execution;
				}
			}
			if (instances.size() < INSTANCE_PAGE) {
				return null;
			}
		}
	}

	private static JobParams next(JobParams fresh, JobExecution last) {
		return fresh.generation(last == null ? 1 : JobParams.of(last.getJobParameters()).generation() + 1);
	}

	/** The first generation of the job these settings run. */
	private static JobParams fresh(ManifestSource source, RunProperties settings) {
		return new JobParams(source.path(), source.sha256(), 1, settings.outputFolder(), settings.engine(),
				settings.outputBucket().map(Object::toString).orElse(null));
	}

	private ExitCode launch(JobParams params) throws Exception {
		JobExecution execution = this.operator.start(this.job, params.toJobParameters());
		return ExitCode.of(execution,
				this.ledger.countByStatus(params.jobKey()).getOrDefault(ItemStatus.SKIPPED, 0));
	}

	/** The ledger key of the job these settings run (manifest, output and engine), for tests that inspect its ledger. */
	public static String jobKeyOf(RunProperties settings) {
		return fresh(ManifestSource.of(settings.manifest()), settings).jobKey();
	}

}
