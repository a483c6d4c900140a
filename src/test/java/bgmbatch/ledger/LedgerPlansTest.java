package bgmbatch.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import bgmbatch.engine.Plan;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger keeps a plan whole, and still reads the one line an older version kept instead. */
class LedgerPlansTest {

	private static final String WORKER = "host:1:1";

	private static final String JOB = "job";

	private static final Plan PLAN = new Plan(
			List.of(new Plan.Part("music", "music", "built-in/calm (mood calm)", "♪ calm, built-in"),
					new Plan.Part("fade", "fade-in", "0s", null)),
			List.of("not understood: \"sparkly\""),
			new Plan.Measured(List.of(new Plan.Group("measured", List.of("music -20.0 LUFS")),
					new Plan.Group("output", List.of("integrated -14.0 LUFS (target -14 ±1.0)"))),
					List.of("the output's true peak -0.5 dBTP is above the -1 dBTP ceiling")));

	private JdbcClient jdbc;

	private Ledger ledger;

	@BeforeEach
	void setUp() {
		DataSource dataSource = new SimpleDriverDataSource(new org.hsqldb.jdbc.JDBCDriver(),
				"jdbc:hsqldb:mem:ledger-plans-" + System.nanoTime(), "SA", "");
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql")),
				dataSource);
		this.jdbc = JdbcClient.create(dataSource);
		this.ledger = new Ledger(this.jdbc, new DataSourceTransactionManager(dataSource));
		this.ledger.insertIfAbsent(List.of(LedgerItem.fresh(JOB, "a", 0, 2, Path.of("/in/a.mp4"), null, "calm music",
				null, Path.of("/out/a.mp4"), null, ItemStatus.PENDING, null)));
		this.ledger.claimNext(JOB, WORKER, Duration.ofMinutes(1));
	}

	@Test
	void aStagesPlanIsKeptWholeAsJsonAndReadBackEqual() {
		Instant now = Instant.now();
		this.ledger.advance(JOB, "a", new StageResult(Map.of(), PLAN, 0),
				new StageRun(Stage.UPLOAD, WORKER, now.minusMillis(10), now));

		assertThat(this.ledger.find(JOB, "a").orElseThrow().plan()).isEqualTo(PLAN);
		assertThat(this.ledger.find(JOB, "a").orElseThrow().toWorkItem().plan()).isEqualTo(PLAN);
		assertThat(column()).startsWith("{").contains("\"label\":\"♪ calm, built-in\"");
	}

	@Test
	void aStageWithoutAPlanKeepsThePlanMadeBefore() {
		Instant now = Instant.now();
		this.ledger.advance(JOB, "a", new StageResult(Map.of(), PLAN, 0),
				new StageRun(Stage.UPLOAD, WORKER, now.minusMillis(10), now));
		this.ledger.advance(JOB, "a", StageResult.none(), new StageRun(Stage.EDIT, WORKER, now, now.plusMillis(10)));

		assertThat(this.ledger.find(JOB, "a").orElseThrow().plan()).isEqualTo(PLAN);
	}

	@Test
	void aPlanAnOlderVersionKeptAsOneLineReadsAsThatLineWordForWord() {
		String line = "music=built-in/calm (mood calm) volume=35% warnings: not understood: \"sparkly\""
				+ " | measured: music -20.0 LUFS";
		this.jdbc.sql("UPDATE BGM_ITEM SET PLAN = ? WHERE ITEM_ID = 'a'").param(line).update();

		Plan plan = this.ledger.find(JOB, "a").orElseThrow().plan();

		assertThat(plan.line()).contains(line);
		assertThat(plan.text()).isEqualTo(line);
		assertThat(PLAN.line()).isEmpty();
	}

	@Test
	void aPlanWrittenByALaterVersionWithFieldsThisOneDoesNotKnowStillReads() {
		this.jdbc.sql("UPDATE BGM_ITEM SET PLAN = ? WHERE ITEM_ID = 'a'")
			.param("{\"parts\":[{\"kind\":\"note\",\"name\":null,\"value\":\"nemo: done\",\"label\":\"NemoVideo: done\","
					+ "\"colour\":\"blue\"}],\"warnings\":[],\"measured\":null,\"version\":2}")
			.update();

		assertThat(this.ledger.find(JOB, "a").orElseThrow().plan()).isEqualTo(Plan.note("nemo: done", "NemoVideo: done"));
	}

	private String column() {
		return this.jdbc.sql("SELECT PLAN FROM BGM_ITEM WHERE ITEM_ID = 'a'").query(String.class).single();
	}

}
