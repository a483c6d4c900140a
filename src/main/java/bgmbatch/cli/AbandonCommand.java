package bgmbatch.cli;

import java.nio.file.Path;

import bgmbatch.job.ExitCode;
import bgmbatch.job.JobLock;
import bgmbatch.job.JobParams;

import java.io.PrintStream;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code abandon manifest=FILE}: gives up on the latest execution, so the next run starts
 * a new one instead of restarting it. Items keep their progress in the ledger, so nothing
 * already paid for is done again. An execution still marked running is first recovered,
 * under the job's lock, which proves no process is running it: on one machine the
 * context took the manifest's file locks before it started; on a shared database the job's
 * advisory lock is taken here, so a run whose manager lives on some machine is refused
 * (exit 5), not abandoned under it.
 */
final class AbandonCommand implements ManifestCommand {

	private final JobRepository repository;

	private final JobOperator operator;

	private final Path manifest;

	private final JobLock lock;

	AbandonCommand(Path manifest, JobRepository repository, JobOperator operator, JobLock lock) {
		this.manifest = manifest;
		this.lock = lock;
		this.repository = repository;
		this.operator = operator;
	}

	@Override
	public ExitCode run(PrintStream out) throws Exception {
		Optional<JobExecution> latest = LatestExecution.of(this.repository, this.manifest);
		if (latest.isEmpty()) {
			out.println("No run of this manifest has started yet; nothing to abandon.");
			return ExitCode.OK;
		}
		JobExecution execution = latest.get();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			out.println("Execution " + execution.getId() + " completed; nothing to abandon.");
			return ExitCode.OK;
		}
		if (execution.getStatus() == BatchStatus.ABANDONED) {
			out.println("Execution " + execution.getId() + " is already abandoned.");
			return ExitCode.OK;
		}
		JobParams params = JobParams.of(execution.getJobParameters());
		this.lock.hold(params.jobKey(), params.output());
		if (execution.getStatus().isRunning()) {
			// we hold the job's lock, so the process that left it marked running is gone
			out.println("Execution " + execution.getId() + " was left " + execution.getStatus()
					+ " by a process that is gone; recovering it first.");
			execution = this.operator.recover(execution);
		}
		JobExecution abandoned = this.operator.abandon(execution);
		out.println("Execution " + abandoned.getId() + " is " + abandoned.getStatus()
				+ ". The next run starts a new execution; items keep their progress.");
		return ExitCode.OK;
	}

}
