package bgmbatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import bgmbatch.job.ExitCode;
import bgmbatch.job.JobParams;
import bgmbatch.job.JobRunner;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerDialect;
import bgmbatch.live.LiveSnapshot;
import bgmbatch.live.LiveStatusFile;
import bgmbatch.state.RunLock;
import bgmbatch.state.StateFolder;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code jobs}: the recent executions of every manifest run from this state folder. Each
 * manifest has its own job database, so this opens each in turn (no Spring context per
 * database), reading Spring Batch's records through a {@link JobRepository} and the items
 * through the {@link Ledger}, holding that manifest's run lock meanwhile so no run can
 * start halfway through. A database whose run is in progress is the run's alone: that run
 * is listed from the status it publishes.
 */
final class JobsCommand {

	/** Executions shown, newest first, across all manifests. */
	static final int LIMIT = 20;

	private final StateFolder state;

	JobsCommand(Path stateRoot) {
		this.state = new StateFolder(stateRoot);
	}

	ExitCode run(PrintStream out) throws IOException {
		Path databases = this.state.root().resolve("db");
		List<Path> folders;
		if (Files.isDirectory(databases)) {
			try (Stream<Path> list = Files.list(databases)) {
				folders = list.filter(Files::isDirectory).sorted().toList();
			}
		}
		else {
			folders = List.of();
		}
		if (folders.isEmpty()) {
			out.println("No jobs in " + this.state.root() + " (give state-dir=DIR if they are elsewhere).");
			return ExitCode.OK;
		}
		List<Row> rows = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (Path folder : folders) {
			String name = folder.getFileName().toString();
			Path lockFile = this.state.lockFile(name);
			Optional<RunLock> lock = RunLock.tryAcquire(lockFile);
			if (lock.isEmpty()) {
				Optional<LiveSnapshot> live = new LiveStatusFile(this.state.liveStatusFile(name)).readOwnedBy(lockFile);
				live.ifPresentOrElse((run) -> rows.add(Row.of(run)),
						() -> notes.add(name + ": a run is in progress (process " + RunLock.holder(lockFile)
								+ ") and has not published its status yet, so it is not listed"));
				continue;
			}
			try (RunLock held = lock.get()) {
				rows.addAll(read(folder));
			}
			catch (Exception ex) {
				notes.add(name + ": cannot read its database (" + ex.getMessage() + ")");
			}
		}
		print(out, rows, notes);
		return ExitCode.OK;
	}

	/**
	 * The recent executions of every manifest in a shared job database (PostgreSQL), where
	 * runs of any machine keep their jobs, with the workers (host:pid) holding items of
	 * each running job now.
	 */
	ExitCode run(PrintStream out, SharedDatabase shared) {
		List<Row> rows;
		try {
			rows = read(new SingleConnectionDataSource(shared.url(), shared.username(), shared.password(), true),
					LedgerDialect.POSTGRESQL, true);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the job database " + shared.url() + ": " + ex.getMessage(), ex);
		}
		print(out, rows, List.of());
		return ExitCode.OK;
	}

	private static void print(PrintStream out, List<Row> found, List<String> notes) {
		List<Row> rows = new ArrayList<>(found);
		rows.sort(Comparator.comparing(Row::started, Comparator.nullsLast(Comparator.reverseOrder())));
		out.println("%-40s %5s  %-25s  %-11s %9s %8s %7s  %s".formatted("MANIFEST", "EXEC", "STARTED", "STATE",
				"DELIVERED", "SKIPPED", "FAILED", "WORKERS").stripTrailing());
		rows.stream()
			.limit(LIMIT)
			.forEach((row) -> out.println("%-40s %5d  %-25s  %-11s %9d %8d %7d  %s".formatted(row.manifest(),
					row.execution(), RunWords.time(row.started()), row.state(), row.delivered(), row.skipped(),
					row.failed(), row.workers())
				.stripTrailing()));
		if (rows.size() > LIMIT) {
			out.println("(" + (rows.size() - LIMIT) + " older execution(s) not shown)");
		}
		out.println("Item counts are the items' current state in each manifest's ledger (for a job in "
				+ "progress, as it last published them); WORKERS: the processes (host:pid) holding its items, for a "
				+ "job in progress on a shared database.");
		notes.forEach((note) -> out.println("note: " + note));
	}

	/** The newest executions in one manifest's database, with the item counts of each one's job. */
	private static List<Row> read(Path folder) throws Exception {
		// ifexists: never create a database while looking; shutdown: release its files when done
		String url = "jdbc:hsqldb:file:" + folder.resolve("batch") + ";ifexists=true;shutdown=true";
		return read(new SingleConnectionDataSource(url, "SA", "", true), LedgerDialect.HSQLDB, false);
	}

	/**
	 * @param shared whether workers of other processes may be running the jobs (a shared
	 * database); otherwise nobody runs them while we hold the run lock
	 */
	private static List<Row> read(SingleConnectionDataSource dataSource, LedgerDialect dialect, boolean shared)
			throws Exception {
		try {
			JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(dataSource);
			factory.setTransactionManager(transactions);
			factory.afterPropertiesSet();
			JobRepository repository = factory.getObject();
			Ledger ledger = new Ledger(JdbcClient.create(dataSource), transactions, dialect);
			List<JobExecution> executions = new ArrayList<>();
			// instances come newest first, each with at least one execution
			for (JobInstance instance : repository.getJobInstances(JobRunner.JOB_NAME, 0, LIMIT)) {
				executions.addAll(repository.getJobExecutions(instance));
			}
			return executions.stream()
				.sorted(Comparator.comparingLong(JobExecution::getId).reversed())
				.limit(LIMIT)
				.map((execution) -> Row.of(execution, ledger, shared))
				.toList();
		}
		finally {
			dataSource.destroy();
		}
	}

	/**
	 * @param workers for a running execution on a shared database, the workers holding its items now
	 */
	private record Row(String manifest, long execution, Instant started, String state, int delivered, int skipped,
			int failed, String workers) {

		/**
		 * An execution in its manifest's own database, which nobody runs while we look, so
		 * one left marked running is an interrupted one; on a shared database it may be
		 * running on other machines.
		 */
		static Row of(JobExecution execution, Ledger ledger, boolean shared) {
			JobParams params = JobParams.of(execution.getJobParameters());
			boolean running = shared && execution.isRunning();
			Map<ItemStatus, Integer> counts = ledger.countByStatus(params.jobKey());
			Instant started = execution.getStartTime() == null ? null
					: execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
			return new Row(params.manifest().toString(), execution.getId(), started,
					running ? "running" : RunWords.state(execution), counts.getOrDefault(ItemStatus.DELIVERED, 0),
					counts.getOrDefault(ItemStatus.SKIPPED, 0), counts.getOrDefault(ItemStatus.FAILED, 0),
					running ? processes(ledger.holders(params.jobKey())) : "");
		}

		static Row of(LiveSnapshot run) {
			return new Row(run.manifest(), run.execution(), Instant.parse(run.started()), "running", run.delivered(),
					run.skipped(), run.failed(), "");
		}

		/** The workers' processes ({@code host:pid}, a worker being {@code host:pid:lane}) with how many items each holds. */
		private static String processes(List<String> workers) {
			Map<String, Integer> processes = new TreeMap<>();
			for (String worker : workers) {
				int lane = worker.lastIndexOf(':');
				processes.merge(lane > 0 ? worker.substring(0, lane) : worker, 1, Integer::sum);
			}
			StringBuilder text = new StringBuilder();
			processes.forEach((process, items) -> text.append(text.isEmpty() ? "" : ", ")
				.append(process)
				.append(" (")
				.append(items)
				.append(')'));
			return text.toString();
		}

	}

}
