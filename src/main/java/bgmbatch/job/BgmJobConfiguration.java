package bgmbatch.job;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import bgmbatch.BgmProperties;
import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Stage;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestRow;
import bgmbatch.manifest.ManifestSource;
import bgmbatch.media.MediaProbe;
import bgmbatch.progress.ProgressDisplay;
import bgmbatch.source.RemoteInputs;
import bgmbatch.report.HtmlReport;
import bgmbatch.report.ReportWriter;
import bgmbatch.report.SummaryPrinter;
import bgmbatch.state.StateFolder;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job: a prepare step (manifest to ledger), then one partitioned step per stage.
 * Each stage step splits the items waiting for it into lanes that run concurrently; a
 * lane is a chunk step of size one, so every item's stage is its own commit.
 */
@Configuration(proxyBeanMethods = false)
class BgmJobConfiguration {

	static final String JOB_NAME = "bgmJob";

	/** Rows per prepare transaction: big enough to load a large manifest quickly. */
	private static final int PREPARE_CHUNK = 500;

	@Bean
	Ledger ledger(DataSource dataSource, PlatformTransactionManager transactionManager) {
		return new Ledger(JdbcClient.create(dataSource), transactionManager);
	}

	@Bean
	Job bgmJob(JobRepository jobRepository, Step prepareStep, StageSteps stageSteps, BgmProperties properties,
			Ledger ledger, PrintStream console, StateFolder state, ProgressDisplay progressDisplay,
			HtmlReport htmlReport, OutputTarget outputTarget) {
		SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository).start(prepareStep);
		SimpleAsyncTaskExecutor lanes = new SimpleAsyncTaskExecutor("lane-");
		for (Stage stage : Stage.values()) {
			if (stage == Stage.DONE) {
				continue;
			}
			job.next(new StepBuilder(stage.stepName(), jobRepository).partitioner(stage.stepName(),
					new LanePartitioner(stage))
				.step(stageSteps.worker(stage))
				.gridSize(properties.lanes())
				.taskExecutor(lanes)
				.allowStartIfComplete(true)
				.build());
		}
		// afterJob runs in reverse order: display closed, then reports and summary, then the log file closed
		return job.listener(OperatorListeners.executionLog(state))
			.listener(new JobConclusion(ledger, new ReportWriter(ledger, htmlReport), new SummaryPrinter(console),
					outputTarget))
			.listener(OperatorListeners.closeDisplay(progressDisplay))
			.build();
	}

	@Bean
	Step prepareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<ManifestRow> manifestItemReader, ItemProcessor<ManifestRow, LedgerItem> rowChecker,
			Ledger ledger, ProgressDisplay progressDisplay) {
		return new StepBuilder("prepare", jobRepository).<ManifestRow, LedgerItem>chunk(PREPARE_CHUNK)
			.transactionManager(transactionManager)
			.reader(manifestItemReader)
			.processor(rowChecker)
			.writer((chunk) -> ledger.insertIfAbsent(java.util.List.copyOf(chunk.getItems())))
			.listener(OperatorListeners.begin(ledger, progressDisplay))
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	@StepScope
	ItemStreamReader<ManifestRow> manifestItemReader(@Value("#{jobParameters['manifest']}") String manifest,
			@Value("#{jobParameters['output']}") String output, BgmProperties properties) {
		return new ManifestItemReader(
				new ManifestReader(ManifestSource.of(Path.of(manifest)), Path.of(output), properties.keepContainer()));
	}

	@Bean
	@StepScope
	ItemProcessor<ManifestRow, LedgerItem> rowChecker(@Value("#{jobParameters['manifest']}") String manifest,
			@Value("#{jobParameters['manifestSha256']}") String sha256, Ledger ledger, RemoteInputs remoteInputs) {
		return new RowChecker(JobParams.jobKey(manifest, sha256), ledger, remoteInputs);
	}

	@Bean
	StageSteps stageSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemReader<LedgerItem> laneReader, ItemProcessor<LedgerItem, StageOutcome> stageProcessor, Ledger ledger,
			BgmProperties properties, ProgressDisplay progressDisplay) {
		RetryPolicy retry = RetryPolicy.builder()
			.includes(TransientEngineException.class)
			.maxRetries(properties.itemRetries())
			.delay(Duration.ofSeconds(1))
			.multiplier(2)
			.build();
		return (stage) -> new StepBuilder(stage.stepName() + "-lane", jobRepository)
			.<LedgerItem, StageOutcome>chunk(1)
			.transactionManager(transactionManager)
			.reader(() -> {
				try {
					return laneReader.read();
				}
				catch (Exception ex) {
					throw new LaneReadException(ex);
				}
			})
			.processor(stageProcessor)
			.writer(new StageWriter(ledger))
			.faultTolerant()
			.retryPolicy(retry)
			.skipPolicy(new ItemSkipPolicy())
			.skipListener(new ItemFailureRecorder(ledger))
			.listener(new ProgressTracker(stage, progressDisplay))
			.allowStartIfComplete(true)
			.build();
	}

	/**
	 * Makes the lane (worker) step of a stage. Every stage needs its own, because a
	 * partition's step execution is named after its worker step and restart state is
	 * looked up by that name.
	 */
	@FunctionalInterface
	interface StageSteps {

		Step worker(Stage stage);

	}

	@Bean
	@StepScope
	ItemReader<LedgerItem> laneReader(Ledger ledger, @Value("#{jobParameters['manifest']}") String manifest,
			@Value("#{jobParameters['manifestSha256']}") String sha256,
			@Value("#{stepExecutionContext['stage']}") String stage, @Value("#{stepExecutionContext['lane']}") int lane,
			@Value("#{stepExecutionContext['lanes']}") int lanes) {
		return new LaneReader(ledger, JobParams.jobKey(manifest, sha256), Stage.valueOf(stage), lane, lanes);
	}

	@Bean
	@StepScope
	ItemProcessor<LedgerItem, StageOutcome> stageProcessor(@Value("#{stepExecutionContext['stage']}") String stage,
			@Value("#{jobParameters['output']}") String output, EditingEngine engine, Ledger ledger,
			MediaProbe probe, RemoteInputs remoteInputs, OutputTarget outputTarget) {
		return new StageProcessor(Stage.valueOf(stage), engine, ledger, new OutputDelivery(probe, Path.of(output)),
				remoteInputs, outputTarget);
	}

}
