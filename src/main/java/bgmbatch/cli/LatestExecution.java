package bgmbatch.cli;

import java.util.Optional;

import bgmbatch.job.JobRunner;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/** The newest execution in a manifest's job database (each manifest has its own, so this is that manifest's). */
final class LatestExecution {

	private LatestExecution() {
	}

	static Optional<JobExecution> of(JobRepository repository) {
		JobInstance instance = repository.getLastJobInstance(JobRunner.JOB_NAME);
		return instance == null ? Optional.empty() : Optional.ofNullable(repository.getLastJobExecution(instance));
	}

}
