package bgmbatch.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTransactionTest {

	private static final String WORKER = "host:1:1";

	private static final String JOB = "job";

	private Ledger ledger;

	private TransactionTemplate chunk;

	@BeforeEach
	void setUp() {
		DataSource dataSource = new SimpleDriverDataSource(new org.hsqldb.jdbc.JDBCDriver(),
				"jdbc:hsqldb:mem:ledger-tx-" + System.nanoTime() + ";hsqldb.tx=mvcc", "SA", "");
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql")),
				dataSource);
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
		this.ledger = new Ledger(JdbcClient.create(dataSource), transactions);
		this.chunk = new TransactionTemplate(transactions);
		this.ledger.insertIfAbsent(java.util.List.of(LedgerItem.fresh(JOB, "a", 0, 2, Path.of("/in/a.mp4"), null, "",
				null, Path.of("/out/a.mp4"), null, ItemStatus.PENDING, null)));
		this.ledger.claimNext(JOB, WORKER, java.time.Duration.ofMinutes(1));
	}

	@Test
	void advanceCommitsWithTheChunkThatRecordsIt() {
		this.chunk.executeWithoutResult((tx) -> {
			this.ledger.advance(JOB, "a", StageResult.of(Map.of("duration", "2.0")), upload());
			tx.setRollbackOnly();
		});
		assertThat(this.ledger.find(JOB, "a").orElseThrow().stage()).isEqualTo(Stage.UPLOAD);

		this.chunk.executeWithoutResult((tx) -> this.ledger.advance(JOB, "a",
				StageResult.of(Map.of("duration", "2.0")), upload()));
		LedgerItem item = this.ledger.find(JOB, "a").orElseThrow();
		assertThat(item.stage()).isEqualTo(Stage.EDIT);
		assertThat(item.handles()).containsEntry("duration", "2.0");
	}

	@Test
	void aWriteAheadHandleSurvivesTheRollbackOfTheChunkItWasRecordedIn() {
		this.chunk.executeWithoutResult((tx) -> {
			this.ledger.recordHandle(JOB, "a", WORKER, "renderId", "r-1");
			this.ledger.advance(JOB, "a", StageResult.none(), upload());
			tx.setRollbackOnly();
		});
		LedgerItem item = this.ledger.find(JOB, "a").orElseThrow();
		assertThat(item.handles()).containsEntry("renderId", "r-1");
		assertThat(item.stage()).isEqualTo(Stage.UPLOAD);
	}

	private static StageRun upload() {
		Instant now = Instant.now();
		return new StageRun(Stage.UPLOAD, WORKER, now.minusMillis(100), now);
	}

}
