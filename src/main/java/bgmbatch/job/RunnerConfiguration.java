package bgmbatch.job;

import java.io.PrintStream;

import bgmbatch.BgmProperties;
import bgmbatch.engine.EditingEngine;
import bgmbatch.ledger.Ledger;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RunnerConfiguration {

	@Bean
	JobRunner jobRunner(JobOperator operator, JobRepository repository, Job bgmJob, Ledger ledger, EditingEngine engine,
			BgmProperties properties, PrintStream console) {
		return new JobRunner(operator, repository, bgmJob, ledger, engine, properties, console);
	}

}
