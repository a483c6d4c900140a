package bgmbatch.cli;

import bgmbatch.engine.EditingEngine;
import bgmbatch.job.JobLock;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerDialect;
import bgmbatch.media.MediaProbe;
import bgmbatch.settings.RunProperties;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The manifest commands, built in the job's own context so they see its database as the job does. */
@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

	@Bean
	StatusCommand statusCommand(JobRepository repository, Ledger ledger, EditingEngine engine,
			RunProperties properties, LedgerDialect dialect) {
		return new StatusCommand(properties.manifest(), repository, ledger, engine, properties.engine(),
				dialect == LedgerDialect.POSTGRESQL);
	}

	@Bean
	AbandonCommand abandonCommand(JobRepository repository, JobOperator operator, RunProperties properties,
			JobLock jobLock) {
		return new AbandonCommand(properties.manifest(), repository, operator, jobLock);
	}

	@Bean
	RetrySkippedCommand retrySkippedCommand(JobRepository repository, Ledger ledger, MediaProbe probe,
			RunProperties properties) {
		return new RetrySkippedCommand(properties.manifest(), repository, ledger, probe);
	}

}
