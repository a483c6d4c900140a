package bgmbatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import bgmbatch.job.JobParams;
import bgmbatch.state.RunLock;

/**
 * {@code jobs}: the recent executions of every manifest run from this state folder. Each
 * manifest has its own job database, so this opens each in turn with plain JDBC (no
 * Spring context per database), holding that manifest's run lock meanwhile so no run can
 * start halfway through. A database whose run is in progress is locked by that run; it
 * is listed as running and not opened.
 */
final class JobsCommand {

	/** Executions shown, newest first, across all manifests. */
	static final int LIMIT = 20;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private final Path stateRoot;

	JobsCommand(Path stateRoot) {
		this.stateRoot = stateRoot.toAbsolutePath().normalize();
	}

	ExitCode run(PrintStream out) throws IOException {
		Path databases = this.stateRoot.resolve("db");
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
			out.println("No jobs in " + this.stateRoot + " (give state-dir=DIR if they are elsewhere).");
			return ExitCode.OK;
		}
		List<Row> rows = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (Path folder : folders) {
			String slug = folder.getFileName().toString();
			Path lockFile = this.stateRoot.resolve("locks").resolve(slug + ".lock");
			Optional<RunLock> lock = RunLock.tryAcquire(lockFile);
			if (lock.isEmpty()) {
				notes.add(slug + ": a run is in progress (process " + RunLock.holder(lockFile)
						+ "); its database is busy, so it is not listed");
				continue;
			}
			try (RunLock held = lock.get()) {
				rows.addAll(read(folder));
			}
			catch (SQLException ex) {
				notes.add(slug + ": cannot read its database (" + ex.getMessage() + ")");
			}
		}
		rows.sort(Comparator.comparing(Row::started, Comparator.nullsLast(Comparator.reverseOrder())));
		out.printf("%-40s %5s  %-19s  %-10s %9s %8s %7s%n", "MANIFEST", "EXEC", "STARTED", "STATUS", "DELIVERED",
				"SKIPPED", "FAILED");
		rows.stream()
			.limit(LIMIT)
			.forEach((row) -> out.printf("%-40s %5d  %-19s  %-10s %9d %8d %7d%n", row.manifest(), row.execution(),
					row.started() == null ? "-" : row.started().format(TIME), row.status(), row.delivered(),
					row.skipped(), row.failed()));
		if (rows.size() > LIMIT) {
			out.println("(" + (rows.size() - LIMIT) + " older execution(s) not shown)");
		}
		out.println("Item counts are the items' current state in each manifest's ledger.");
		notes.forEach((note) -> out.println("note: " + note));
		return ExitCode.OK;
	}

	private static List<Row> read(Path folder) throws SQLException {
		// ifexists: never create a database while looking; shutdown: release its files when done
		String url = "jdbc:hsqldb:file:" + folder.resolve("batch") + ";ifexists=true;shutdown=true";
		List<Row> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, "SA", "");
				PreparedStatement executions = connection.prepareStatement("""
						SELECT E.JOB_EXECUTION_ID, E.START_TIME, E.STATUS, M.PARAMETER_VALUE, S.PARAMETER_VALUE,
						  O.PARAMETER_VALUE, N.PARAMETER_VALUE, B.PARAMETER_VALUE
						FROM BATCH_JOB_EXECUTION E
						JOIN BATCH_JOB_EXECUTION_PARAMS M ON M.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID
						  AND M.PARAMETER_NAME = 'manifest'
						JOIN BATCH_JOB_EXECUTION_PARAMS S ON S.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID
						  AND S.PARAMETER_NAME = 'manifestSha256'
						JOIN BATCH_JOB_EXECUTION_PARAMS O ON O.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID
						  AND O.PARAMETER_NAME = 'output'
						JOIN BATCH_JOB_EXECUTION_PARAMS N ON N.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID
						  AND N.PARAMETER_NAME = 'engine'
						LEFT JOIN BATCH_JOB_EXECUTION_PARAMS B ON B.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID
						  AND B.PARAMETER_NAME = 'bucket'
						ORDER BY E.JOB_EXECUTION_ID DESC LIMIT ?""");
				PreparedStatement counts = connection.prepareStatement("""
						SELECT SUM(CASE WHEN STATUS = 'DELIVERED' THEN 1 ELSE 0 END),
						  SUM(CASE WHEN STATUS = 'SKIPPED' THEN 1 ELSE 0 END),
						  SUM(CASE WHEN STATUS = 'FAILED' THEN 1 ELSE 0 END)
						FROM BGM_ITEM WHERE JOB_KEY = ?""")) {
			executions.setInt(1, LIMIT);
			try (ResultSet rs = executions.executeQuery()) {
				while (rs.next()) {
					Timestamp started = rs.getTimestamp(2);
					String manifest = rs.getString(4);
					counts.setString(1,
							JobParams.jobKey(manifest, rs.getString(5), Path.of(rs.getString(6)), rs.getString(7),
									rs.getString(8)));
					int[] c = new int[3];
					try (ResultSet count = counts.executeQuery()) {
						if (count.next()) {
							for (int i = 0; i < 3; i++) {
								c[i] = count.getInt(i + 1);
							}
						}
					}
					rows.add(new Row(manifest, rs.getLong(1), started == null ? null : started.toLocalDateTime(),
							rs.getString(3), c[0], c[1], c[2]));
				}
			}
		}
		return rows;
	}

	private record Row(String manifest, long execution, LocalDateTime started, String status, int delivered,
			int skipped, int failed) {

	}

}
