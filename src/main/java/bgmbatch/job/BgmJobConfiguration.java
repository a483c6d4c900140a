package bgmbatch.job;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerDialect;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.live.LiveBoard;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestRow;
import bgmbatch.manifest.ManifestSource;
import bgmbatch.media.MediaProbe;
import bgmbatch.progress.ProgressDisplay;
import bgmbatch.report.HtmlReport;
import bgmbatch.report.ReportWriter;
import bgmbatch.report.SummaryPrinter;
import bgmbatch.settings.OperatorProperties;
import bgmbatch.settings.RunProperties;
import bgmbatch.source.RemoteInputs;
import bgmbatch.state.StateFolder;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job, top to bottom: {@code prepare} loads the manifest into the ledger, then
 * {@code work} runs {@code concurrency} workers at once. Each worker ({@code worker}, a
 * chunk step of size one) claims the next waiting item and takes it through its remaining
 * stages, one committed chunk per stage, then claims the next; no worker waits for the
 * others to finish a stage. A worker needs only the job database and the engine, so on
 * several machines ({@code distributed=true}) the same {@code worker} step runs on worker
 * machines and {@code work} hands its slots out to them (see {@code bgmbatch.cluster}).
 */
@Configuration(proxyBeanMethods = false)
class BgmJobConfiguration {

	static final String JOB_NAME = "bgmJob";

	/** Rows per prepare transaction: big enough to load a large manifest quickly. */
	private static final int PREPARE_CHUNK = 500;

	@Bean
	Ledger ledger(DataSource dataSource, PlatformTransactionManager transactionManager, LedgerDialect dialect) {
		return new Ledger(JdbcClient.create(dataSource), transactionManager, dialect);
	}

	@Bean
	Job bgmJob(JobRepository jobRepository, Step prepare, Step work, Ledger ledger, PrintStream console,
			StateFolder state, ProgressDisplay progressDisplay, HtmlReport htmlReport, EditingEngine engine,
			StopRequest stopRequest, OutputTarget outputTarget, OperatorProperties operator, LiveBoard liveBoard) {
		// afterJob runs in reverse order: display closed, then reports and summary, then the log file closed
		return new JobBuilder(JOB_NAME, jobRepository).start(prepare)
			.next(work)
			.listener(OperatorListeners.executionLog(state))
			.listener(new JobConclusion(ledger, jobRepository, engine.stageWords(),
					new ReportWriter(ledger, htmlReport, Clock.systemDefaultZone()), new SummaryPrinter(console),
					outputTarget, stopRequest, operator::reportAddress))
			.listener(OperatorListeners.closeDisplay(progressDisplay, liveBoard))
			.build();
	}

	@Bean
	Step prepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<ManifestRow> manifestItemReader, ItemProcessor<ManifestRow, LedgerItem> rowChecker,
			Ledger ledger, ProgressDisplay progressDisplay, LiveBoard liveBoard, EditingEngine engine) {
		return new StepBuilder("prepare", jobRepository).<ManifestRow, LedgerItem>chunk(PREPARE_CHUNK)
			.transactionManager(transactionManager)
			.reader(manifestItemReader)
			.processor(rowChecker)
			.writer((chunk) -> ledger.insertIfAbsent(List.copyOf(chunk.getItems())))
			.listener(OperatorListeners.begin(ledger, progressDisplay, liveBoard, engine.stageWords()))
			.allowStartIfComplete(true)
			.build();
	}

	/**
	 * The worker slots, run at once by threads of this process. On a restart Spring Batch
	 * keeps the slots of the run it restarts; every slot starts again
	 * (allowStartIfComplete), since the queue lives in the ledger, not in a slot.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "bgm.distributed", havingValue = false, matchIfMissing = true)
	Step work(JobRepository jobRepository, Step worker, RunProperties properties) {
		return new StepBuilder("work", jobRepository).partitioner(WorkerSlots.STEP, new WorkerSlots())
			.step(worker)
			.gridSize(properties.lanes())
			.taskExecutor(new SimpleAsyncTaskExecutor("worker-"))
			.allowStartIfComplete(true)
			.build();
	}

	/**
	 * One worker: reads (claims) an item's next stage, runs it, commits it with the ledger's
	 * record of it. A transient failure is retried here; any other failure of an item is
	 * recorded on it and the worker goes on with the next; a failure of the whole job stops
	 * the worker, and the others claim nothing more.
	 */
	@Bean
	Step worker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<LedgerItem> itemClaimer, ItemProcessor<LedgerItem, StageOutcome> stageProcessor,
			Ledger ledger, RunProperties properties, ProgressDisplay progressDisplay, EditingEngine engine,
			WorkerIds workers, LiveBoard liveBoard) {
		RetryPolicy retry = RetryPolicy.builder()
			.includes(TransientEngineException.class)
			.maxRetries(properties.itemRetries())
			.delay(Duration.ofSeconds(1))
			.multiplier(2)
			.build();
		return new StepBuilder(WorkerSlots.STEP, jobRepository).<LedgerItem, StageOutcome>chunk(1)
			.transactionManager(transactionManager)
			.reader(itemClaimer)
			.processor(stageProcessor)
			.writer(new StageWriter(ledger))
			.faultTolerant()
			.retryPolicy(retry)
			.skipPolicy(new ItemSkipPolicy())
			.skipListener(new ItemFailureRecorder(ledger))
			.listener(new ProgressTracker(engine.stageWords(), progressDisplay, liveBoard))
			.listener(freeLane(workers))
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	@StepScope
	ItemStreamReader<ManifestRow> manifestItemReader(@Value("#{jobParameters['manifest']}") String manifest,
			@Value("#{jobParameters['output']}") String output, RunProperties properties) {
		return new ManifestItemReader(
				new ManifestReader(ManifestSource.of(Path.of(manifest)), Path.of(output), properties.keepContainer()));
	}

	@Bean
	@StepScope
	ItemProcessor<ManifestRow, LedgerItem> rowChecker(@Value("#{stepExecution}") StepExecution step, Ledger ledger,
			RemoteInputs remoteInputs) {
		return new RowChecker(jobKey(step), ledger, new InputCheck(remoteInputs));
	}

	@Bean
	@StepScope
	ItemStreamReader<LedgerItem> itemClaimer(Ledger ledger, @Value("#{stepExecution}") StepExecution step,
			WorkerIds workers, LeaseKeeper leases, Workplace workplace, StopRequest stopRequest,
			PlatformTransactionManager transactionManager) {
		ItemClaimer.Run run = new ItemClaimer.Run(jobKey(step), step.getJobExecutionId(), step.getId());
		TransactionTemplate outside = new TransactionTemplate(transactionManager);
		outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		return new ItemClaimer(ledger, run, workers.of(step.getId()), leases, workplace, stopRequest, outside);
	}

	@Bean
	@StepScope
	ItemProcessor<LedgerItem, StageOutcome> stageProcessor(@Value("#{jobParameters['output']}") String output,
			@Value("#{stepExecution}") StepExecution step, EditingEngine engine, Ledger ledger, MediaProbe probe,
			RemoteInputs remoteInputs, OutputTarget outputTarget, WorkerIds workers, Workplace workplace,
			StopRequest stopRequest) {
		return new StageProcessor(engine, ledger, new OutputDelivery(probe, Path.of(output)), remoteInputs,
				outputTarget, workers.of(step.getId()), step.getJobExecutionId(), workplace, stopRequest);
	}

	/** What the run publishes for {@code status} and {@code jobs} while it works (see {@link LiveBoard}). */
	@Bean(destroyMethod = "close")
	LiveBoard liveBoard(StateFolder state) {
		return new LiveBoard(state, Clock.systemUTC());
	}

	@Bean
	WorkerIds workerIds() {
		return new WorkerIds();
	}

	@Bean(destroyMethod = "close")
	LeaseKeeper leaseKeeper(RunProperties properties) {
		return new LeaseKeeper(properties.lease());
	}

	/** Workers are threads of this process, unless this is a worker machine ({@code bgmbatch.cluster}). */
	@Bean
	@ConditionalOnBooleanProperty(name = "bgm.worker", havingValue = false, matchIfMissing = true)
	Workplace workplace() {
		return Workplace.ONE_MACHINE;
	}

	@Bean
	StopRequest stopRequest() {
		return new StopRequest();
	}

	/**
	 * A manager of workers on other machines leaves the output folder's part files alone on
	 * a stop: they are the workers', which go on.
	 */
	@Bean
	StopOnSignal.RunStop runStop(StopRequest stopRequest, RunProperties properties) {
		return new StopOnSignal.RunStop(stopRequest, properties.distributed() ? null : properties::outputFolder);
	}

	private static String jobKey(StepExecution step) {
		return JobParams.of(step.getJobParameters()).jobKey();
	}

	/** A worker step that ended, however it ended, frees its lane (and its worker name) for the next. */
	private static StepExecutionListener freeLane(WorkerIds workers) {
		return new StepExecutionListener() {

			@Override
			public ExitStatus afterStep(StepExecution stepExecution) {
				workers.release(stepExecution.getId());
				return null;
			}

		};
	}

}
