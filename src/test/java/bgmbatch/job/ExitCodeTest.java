package bgmbatch.job;

import bgmbatch.manifest.ManifestException;
import bgmbatch.settings.UsageException;
import bgmbatch.state.AlreadyRunningException;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;

/** One place maps a finished run and a failure to the exit codes cron scripts read. */
class ExitCodeTest {

	@Test
	void aFinishedRunIsOkSkippedFailedOrHaltedByHowItEnded() {
		assertThat(ExitCode.of(execution(BatchStatus.COMPLETED, ExitStatus.COMPLETED), 0)).isEqualTo(ExitCode.OK);
		assertThat(ExitCode.of(execution(BatchStatus.COMPLETED, ExitStatus.COMPLETED), 2)).isEqualTo(ExitCode.SKIPPED);
		assertThat(ExitCode.of(execution(BatchStatus.FAILED, ExitStatus.FAILED), 2)).isEqualTo(ExitCode.FAILED);
		assertThat(ExitCode.of(execution(BatchStatus.STOPPED, new ExitStatus(JobConclusion.STOPPED_ON_REQUEST)), 0))
			.isEqualTo(ExitCode.FAILED);
		assertThat(ExitCode.of(execution(BatchStatus.STOPPED, new ExitStatus(JobConclusion.HALTED, "credits")), 1))
			.isEqualTo(ExitCode.HALTED);
	}

	@Test
	void aFailureIsDecidedByTheCauseThatSaysWhatToDoHoweverDeepItIs() {
		BeanCreationException wrappedRefusal = new BeanCreationException("jobRunner",
				new IllegalStateException("wrapped", new ManifestException("row 3: no video column")));
		assertThat(ExitCode.of(wrappedRefusal)).isEqualTo(ExitCode.USAGE);
		assertThat(ExitCode.line(wrappedRefusal)).isEqualTo("error: row 3: no video column");
		BeanCreationException busy = new BeanCreationException("runLocks",
				new AlreadyRunningException("another run of videos.csv is in progress (pid 42)"));
		assertThat(ExitCode.of(busy)).isEqualTo(ExitCode.ALREADY_RUNNING);
		assertThat(ExitCode.line(busy)).isEqualTo("another run of videos.csv is in progress (pid 42)");
		assertThat(ExitCode.of(new UsageException("concurrency=-1 is below 0"))).isEqualTo(ExitCode.USAGE);
		IllegalStateException crash = new IllegalStateException("disk full");
		assertThat(ExitCode.of(crash)).isEqualTo(ExitCode.FAILED);
		assertThat(ExitCode.line(crash)).isEqualTo("error: disk full");
	}

	@Test
	void theCodesAreTheOnesCronScriptsReadZeroToFive() {
		assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4, 5);
	}

	private static JobExecution execution(BatchStatus status, ExitStatus exit) {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "bgmJob"), new JobParameters());
		execution.setStatus(status);
		execution.setExitStatus(exit);
		return execution;
	}

}
