package bgmbatch.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** A ledger in memory and the items and job facts the report tests put in it. */
final class ReportFixture {

	static final String JOB = "/night/videos.csv#0123456789abcdef";

	/** A night run and a morning rerun, in a zone an hour east of UTC. */
	static final ZoneId ZONE = ZoneId.of("Europe/Paris");

	static final Instant NIGHT = Instant.parse("2026-11-29T01:00:01Z");

	static final Instant NIGHT_END = Instant.parse("2026-11-29T01:41:00Z");

	static final Instant MORNING = Instant.parse("2026-11-29T07:12:30Z");

	static final Instant MORNING_END = Instant.parse("2026-11-29T07:12:40Z");

	static final Clock CLOCK = Clock.fixed(MORNING_END, ZONE);

	private ReportFixture() {
	}

	static Ledger ledger() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:hsqldb:mem:report-" + UUID.randomUUID(),
				"SA", "");
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql")),
				dataSource);
		return new Ledger(JdbcClient.create(dataSource), new JdbcTransactionManager(dataSource));
	}

	/** A job that ran twice: a night that failed, a morning rerun that finished with a skipped item (exit 3). */
	static JobFacts twoRuns() {
		return new JobFacts("/night/videos.csv", "local", "Job finished.", "COMPLETED", 3,
				"finished, but some items were skipped (the report says why)",
				List.of(new JobFacts.Run(7, NIGHT, NIGHT_END, "FAILED"), new JobFacts.Run(9, MORNING, MORNING_END,
						"COMPLETED")),
				Map.of(Stage.UPLOAD, "probing", Stage.EDIT, "planning", Stage.VERIFY, "measuring", Stage.EXPORT,
						"rendering", Stage.DOWNLOAD, "delivering"));
	}

	/** Delivered a minute into the night, after 3.15 s of work on a 6 s video. */
	static LedgerItem delivered(int seq, String id, Path input, Path output, String plan) {
		return new LedgerItem(JOB, id, seq, seq + 1, input, "f", "add calm music", null, output, Stage.DONE,
				ItemStatus.DELIVERED, plan, Map.of(WorkItem.INPUT_DURATION, "6.0"),
				Map.of("upload", 0.5, "edit", 1.25, "verify", 0.3, "export", 0.9, "download", 0.2), 0, null, 7,
				NIGHT.plusSeconds(60 + seq));
	}

	static LedgerItem skipped(int seq, String id, Path input, String instruction, String reason) {
		return new LedgerItem(JOB, id, seq, seq + 1, input, null, instruction, null,
				input.resolveSibling(id + "-out.mp4"), Stage.UPLOAD, ItemStatus.SKIPPED, null, null, null, 0, reason, 0,
				NIGHT.plusSeconds(5));
	}

	static LedgerItem failed(int seq, String id, Path input, String reason) {
		return new LedgerItem(JOB, id, seq, seq + 1, input, "f", "add upbeat music", null,
				input.resolveSibling(id + "-out.mp4"), Stage.EXPORT, ItemStatus.FAILED,
				"music=built-in/upbeat (mood upbeat)", null, Map.of("upload", 0.4, "edit", 0.2, "verify", 0.3), 1,
				reason, 0, MORNING.plusSeconds(4));
	}

}
