package bgmbatch.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workers share the queue through claims with a lease; the ledger keeps who ran what, when. */
class LedgerClaimsTest {

	private static final String JOB = "job";

	private static final String A = "host:1:1";

	private static final String B = "host:1:2";

	private Ledger ledger;

	@BeforeEach
	void setUp() {
		DataSource dataSource = new SimpleDriverDataSource(new org.hsqldb.jdbc.JDBCDriver(),
				"jdbc:hsqldb:mem:ledger-claims-" + System.nanoTime() + ";hsqldb.tx=mvcc", "SA", "");
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql")),
				dataSource);
		this.ledger = new Ledger(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
		this.ledger.insertIfAbsent(List.of(item(1, "first", ItemStatus.PENDING), item(2, "skipped", ItemStatus.SKIPPED),
				item(3, "second", ItemStatus.PENDING), item(4, "third", ItemStatus.PENDING)));
	}

	@Test
	void workersClaimTheWaitingItemsInManifestOrderAndNeverTheSameOne() {
		assertThat(claim(A)).contains("first");
		assertThat(claim(B)).contains("second");
		assertThat(claim(A)).as("a worker may hold more, another worker never takes what is held").contains("third");
		assertThat(claim(B)).isEmpty();
		assertThat(this.ledger.find(JOB, "second").orElseThrow().claimedBy()).isEqualTo(B);
	}

	@Test
	void aClaimWhoseLeaseRanOutGoesToTheNextWorkerAndARenewedOneDoesNot() {
		this.ledger.claimNext(JOB, A, Duration.ofMillis(-1000));
		assertThat(claim(B)).as("the lease of A ran out").contains("first");

		assertThat(this.ledger.renew(JOB, "first", A, Duration.ofSeconds(60))).as("A lost it").isFalse();
		assertThat(this.ledger.renew(JOB, "first", B, Duration.ofSeconds(60))).isTrue();
		assertThat(claim(A)).contains("second");
	}

	@Test
	void aWorkerThatLostItsClaimCanNeitherMarkNorAdvanceTheItem() {
		this.ledger.claimNext(JOB, A, Duration.ofMillis(-1000));
		assertThat(claim(B)).contains("first");
		Instant now = Instant.now();

		assertThatThrownBy(() -> this.ledger.recordHandle(JOB, "first", A, "renderId", "r-1"))
			.isInstanceOf(ClaimLostException.class);
		assertThatThrownBy(() -> this.ledger.advance(JOB, "first", StageResult.none(),
				new StageRun(Stage.UPLOAD, A, now.minusSeconds(1), now)))
			.isInstanceOf(ClaimLostException.class);
		LedgerItem item = this.ledger.find(JOB, "first").orElseThrow();
		assertThat(item.handles()).doesNotContainKey("renderId");
		assertThat(item.stage()).isEqualTo(Stage.UPLOAD);

		this.ledger.recordHandle(JOB, "first", B, "renderId", "r-2");
		assertThat(this.ledger.find(JOB, "first").orElseThrow().handles()).containsEntry("renderId", "r-2");
	}

	@Test
	void heldItemsAreSeenUntilTheirHolderLetsGo() {
		assertThat(this.ledger.anyHeld(JOB)).isFalse();
		claim(A);
		assertThat(this.ledger.anyHeld(JOB)).isTrue();
		this.ledger.releaseAll(JOB, A);
		assertThat(this.ledger.anyHeld(JOB)).isFalse();
	}

	@Test
	void theFirstReasonToStopClaimingStaysForItsJobExecutionOnly() {
		assertThat(this.ledger.stopOf(7)).isEmpty();
		this.ledger.stop(7, "not enough credits", true);
		this.ledger.stop(7, "ffmpeg is missing", false);
		assertThat(this.ledger.stopOf(7)).contains(new JobStop("not enough credits", true));
		assertThat(this.ledger.stopOf(8)).as("a new execution starts free to claim").isEmpty();
	}

	@Test
	void deliveryFailureOrSkipLetsGoOfTheClaimAndTheStageLogKeepsWhoRanWhatWhen() {
		claim(A);
		Instant start = Instant.parse("2026-01-02T02:00:00Z");
		for (Stage stage : List.of(Stage.UPLOAD, Stage.EDIT, Stage.VERIFY, Stage.EXPORT)) {
			this.ledger.advance(JOB, "first", StageResult.none(),
					new StageRun(stage, A, start.plusSeconds(stage.ordinal()), start.plusSeconds(stage.ordinal() + 1)));
			assertThat(this.ledger.find(JOB, "first").orElseThrow().heldBy(A)).as("held after %s", stage).isTrue();
		}
		this.ledger.advance(JOB, "first", StageResult.none(),
				new StageRun(Stage.DOWNLOAD, A, start.plusSeconds(4), start.plusMillis(4500)));

		LedgerItem delivered = this.ledger.find(JOB, "first").orElseThrow();
		assertThat(delivered.status()).isEqualTo(ItemStatus.DELIVERED);
		assertThat(delivered.claimedBy()).isNull();
		assertThat(delivered.stageLog()).extracting(StageRun::stage, StageRun::worker, StageRun::started)
			.first()
			.isEqualTo(org.assertj.core.groups.Tuple.tuple(Stage.UPLOAD, A, start));
		assertThat(delivered.stageLog()).hasSize(5).last().extracting(StageRun::seconds).isEqualTo(0.5);
		assertThat(delivered.timings()).containsEntry("download", 0.5);

		claim(B);
		this.ledger.markFailed(JOB, "second", "broken");
		claim(A);
		this.ledger.markSkipped(JOB, "third", "unreadable");
		assertThat(List.of("second", "third"))
			.allSatisfy((id) -> assertThat(this.ledger.find(JOB, id).orElseThrow().claimedBy()).isNull());
	}

	@Test
	void creditsHeldCountOnlyForTheOtherItemsInFlight() {
		claim(A);
		claim(B);
		this.ledger.recordHandle(JOB, "first", A, WorkItem.CREDITS_HELD, "50");
		this.ledger.recordHandle(JOB, "second", B, WorkItem.CREDITS_HELD, "50");
		assertThat(this.ledger.heldByOthers(JOB, "third")).isEqualTo(100);
		assertThat(this.ledger.heldByOthers(JOB, "first")).as("not counting itself").isEqualTo(50);

		this.ledger.releaseAll(JOB, B);
		assertThat(this.ledger.heldByOthers(JOB, "third")).as("nobody holds it: not in flight").isEqualTo(50);
		this.ledger.recordHandle(JOB, "first", A, WorkItem.CREDITS_HELD, null);
		assertThat(this.ledger.heldByOthers(JOB, "third")).isZero();
	}

	@Test
	void aRunStartLetsGoOfEveryClaimAKilledRunLeft() {
		claim(A);
		claim(B);
		assertThat(this.ledger.releaseClaims(JOB)).isEqualTo(2);
		assertThat(claim(A)).contains("first");
	}

	private Optional<String> claim(String worker) {
		return this.ledger.claimNext(JOB, worker, Duration.ofSeconds(60)).map(LedgerItem::id);
	}

	private static LedgerItem item(int seq, String id, ItemStatus status) {
		return LedgerItem.fresh(JOB, id, seq, seq + 1, Path.of("/in/" + id + ".mp4"), null, "", null,
				Path.of("/out/" + id + ".mp4"), null, status, null);
	}

}
