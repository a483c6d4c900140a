package bgmbench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import bgmbatch.job.JobParams;
import bgmbatch.job.JobRunner;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;
import bgmbatch.state.StateFolder;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs our job as a user does (its own process, a fresh state folder) and reads back
 * what happened from the job's own records once the process has ended: the steps' and
 * the job's times from Spring Batch's {@link JobRepository}, each item's stage times and
 * result from the {@link Ledger}. Nothing is read from log text.
 */
final class OurJob {

	/**
	 * What one run of our job showed. Times are seconds; a time that could not be read is null.
	 * @param wall from launching java to the process's exit
	 * @param toFirstItem from launching java to the first stage of the first item under way
	 * @param toFirstOutput from launching java to the first item delivered (its last stage committed)
	 * @param jobSpan the job execution, start to end
	 * @param afterJob from the job execution's end to the process's exit
	 * @param itemSeconds per item, the seconds its stages took as the ledger timed them
	 * @param stepSeconds per step of the job (prepare, work), its duration
	 */
	record Times(double wall, Double toFirstItem, Double toFirstOutput, Double jobSpan, Double afterJob,
			List<Double> itemSeconds, Map<String, Double> stepSeconds) {

		/** The steps' durations, e.g. {@code (prepare=0.12 work=3.40)}. */
		String steps() {
			StringBuilder text = new StringBuilder("(");
			this.stepSeconds.forEach((step, value) -> text.append(text.length() > 1 ? " " : "")
				.append(step)
				.append('=')
				.append(String.format(java.util.Locale.ROOT, "%.2f", value)));
			return text.append(")").toString();
		}

		double stepsTotal() {
			return this.stepSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
		}

	}

	private final Path runs;

	OurJob(Path work) {
		this.runs = work.resolve("runs");
	}

	/** Runs the job on a manifest in a fresh folder, reads its records, and removes the folder. */
	Times run(String name, List<String> launcher, Path manifest, List<String> settings) {
		Path dir = this.runs.resolve(name);
		Numbers.deleteTree(dir);
		Numbers.createDirectories(dir);
		List<String> command = new ArrayList<>(launcher);
		command.add("manifest=" + manifest);
		command.add("output=" + dir.resolve("out"));
		command.add("state-dir=" + dir.resolve("state"));
		command.addAll(settings);
		Proc proc = Proc.run(command, dir, null);
		Times times = read(proc, dir.resolve("state"), manifest);
		Numbers.deleteTree(dir);
		return times;
	}

	/**
	 * What a finished run recorded in its state folder's job database.
	 * @throws IllegalStateException when an item was not delivered (a broken benchmark)
	 */
	static Times read(Proc proc, Path stateDir, Path manifest) {
		Instant launched = Instant.ofEpochMilli(proc.startedMillis());
		Instant end = launched.plusMillis((long) (proc.seconds() * 1000));
		String url = new StateFolder(stateDir).databaseUrl(manifest.toAbsolutePath().normalize());
		SingleConnectionDataSource database = new SingleConnectionDataSource(url, "SA", "", true);
		try {
			DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
			JobExecution execution = lastExecution(database, transactions);
			Map<String, Double> steps = new LinkedHashMap<>();
			execution.getStepExecutions()
				.stream()
				.filter((step) -> !step.getStepName().contains(":"))
				.sorted(Comparator.comparing(StepExecution::getStartTime))
				.forEach((step) -> steps.put(step.getStepName(), seconds(step.getStartTime(), step.getEndTime())));
			Ledger ledger = new Ledger(JdbcClient.create(database), transactions);
			List<LedgerItem> items = new ArrayList<>();
			ledger.forEach(JobParams.of(execution.getJobParameters()).jobKey(), items::add);
			List<Double> itemSeconds = new ArrayList<>();
			Instant firstItem = null;
			Instant firstOutput = null;
			for (LedgerItem item : items) {
				if (item.status() != ItemStatus.DELIVERED) {
					throw new IllegalStateException("item " + item.id() + " was not delivered: " + item.lastError());
				}
				itemSeconds.add(item.timings().values().stream().mapToDouble(Double::doubleValue).sum());
				List<StageRun> log = item.stageLog();
				if (!log.isEmpty()) {
					firstItem = earliest(firstItem, log.get(0).started());
					firstOutput = earliest(firstOutput, log.get(log.size() - 1).finished());
				}
			}
			Instant jobStart = instant(execution.getStartTime());
			Instant jobEnd = instant(execution.getEndTime());
			return new Times(proc.seconds(), between(launched, firstItem), between(launched, firstOutput),
					between(jobStart, jobEnd), between(jobEnd, end), itemSeconds, steps);
		}
		finally {
			database.destroy();
		}
	}

	private static JobExecution lastExecution(SingleConnectionDataSource database,
			DataSourceTransactionManager transactions) {
		try {
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(database);
			factory.setTransactionManager(transactions);
			factory.afterPropertiesSet();
			JobRepository repository = factory.getObject();
			List<JobInstance> instances = repository.getJobInstances(JobRunner.JOB_NAME, 0, 1);
			if (instances.isEmpty()) {
				throw new IllegalStateException("the job database holds no run of " + JobRunner.JOB_NAME);
			}
			return Objects.requireNonNull(repository.getLastJobExecution(instances.get(0)), "no execution");
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the job's runs: " + ex.getMessage(), ex);
		}
	}

	private static Instant earliest(Instant current, Instant candidate) {
		return current == null || candidate.isBefore(current) ? candidate : current;
	}

	/** Spring Batch keeps local date-times; the job ran on this machine, in this time zone. */
	private static Instant instant(LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private static double seconds(LocalDateTime from, LocalDateTime to) {
		Double value = between(instant(from), instant(to));
		return value == null ? 0 : value;
	}

	private static Double between(Instant from, Instant to) {
		return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
	}

}
