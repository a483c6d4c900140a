package bgmbatch.cli;

import java.nio.file.Path;
import java.util.Optional;

import bgmbatch.job.JobParams;
import bgmbatch.job.JobRunner;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The newest execution of a manifest's job. On the one-machine default each manifest has
 * a job database of its own; a shared database (PostgreSQL) holds the jobs of every
 * manifest, so the job instances are searched, newest first, for this manifest's.
 */
final class LatestExecution {

	/** Job instances looked at, newest first: a manifest not run among the last this many is reported as never run. */
	private static final int SEARCHED = 1000;

	private LatestExecution() {
	}

	static Optional<JobExecution> of(JobRepository repository, Path manifest) {
		Path wanted = manifest.toAbsolutePath().normalize();
		for (JobInstance instance : repository.getJobInstances(JobRunner.JOB_NAME, 0, SEARCHED)) {
			JobExecution last = repository.getLastJobExecution(instance);
			if (last != null && JobParams.of(last.getJobParameters()).manifest().equals(wanted)) {
				return Optional.of(last);
			}
		}
		return Optional.empty();
	}

}
