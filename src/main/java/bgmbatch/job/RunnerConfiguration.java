package bgmbatch.job;

import java.io.OutputStream;
import java.io.PrintStream;

import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.EditingEngine;
import bgmbatch.ledger.Ledger;
import bgmbatch.media.MediaProbe;
import bgmbatch.metrics.MetricsExport;
import bgmbatch.settings.OperatorProperties;
import bgmbatch.settings.RunProperties;
import bgmbatch.source.RemoteInputs;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RunnerConfiguration {

	@Bean
	JobRunner jobRunner(JobOperator operator, JobRepository repository, Job bgmJob, Ledger ledger, EditingEngine engine,
			RunProperties properties, PrintStream console, MediaProbe probe, OperatorProperties operatorSettings,
			OutputTarget outputTarget, RemoteInputs remoteInputs, JobLock jobLock) {
		// quiet=true: only the summary, which the job's conclusion prints on the console itself
		PrintStream talk = operatorSettings.quiet() ? new PrintStream(OutputStream.nullOutputStream()) : console;
		// metrics warnings are said even when quiet: a broken export is worth a line in cron's mail
		MetricsExport metrics = new MetricsExport(operatorSettings.metricsFile(), operatorSettings.metricsPush(),
				console::println);
		return new JobRunner(operator, repository, bgmJob, ledger, engine, properties, talk, probe, outputTarget,
				remoteInputs, jobLock, new RunMetricsRecorder(ledger, repository, metrics));
	}

}
