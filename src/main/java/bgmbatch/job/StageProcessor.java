package bgmbatch.job;

import java.time.Instant;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Runs an item's next stage through the engine; the download stage also delivers. A
 * failure that concerns the whole job (see {@link ItemSkipPolicy}) also tells the other
 * workers to claim nothing more.
 */
final class StageProcessor implements ItemProcessor<LedgerItem, StageOutcome> {

	private final EditingEngine engine;

	private final Ledger ledger;

	private final OutputDelivery delivery;

	private final String worker;

	private final StopClaiming stop;

	StageProcessor(EditingEngine engine, Ledger ledger, OutputDelivery delivery, String worker, StopClaiming stop) {
		this.engine = engine;
		this.ledger = ledger;
		this.delivery = delivery;
		this.worker = worker;
		this.stop = stop;
	}

	@Override
	public StageOutcome process(LedgerItem item) {
		Instant started = Instant.now();
		try {
			StageResult result = run(item.stage(), item.toWorkItem(),
					(key, value) -> this.ledger.recordHandle(item.jobKey(), item.id(), key, value));
			return new StageOutcome(item, result, new StageRun(item.stage(), this.worker, started, Instant.now()));
		}
		catch (RuntimeException | Error ex) {
			if (!ItemSkipPolicy.skippable(ex)) {
				this.stop.request(ItemFailureRecorder.reason(ex));
			}
			throw ex;
		}
	}

	private StageResult run(Stage stage, WorkItem work, Journal journal) {
		return switch (stage) {
			case UPLOAD -> this.engine.upload(work, journal);
			case EDIT -> this.engine.edit(work, journal);
			case VERIFY -> this.engine.verify(work, journal);
			case EXPORT -> {
				this.delivery.prepare(work);
				yield this.engine.export(work, journal);
			}
			case DOWNLOAD -> {
				this.delivery.prepare(work);
				if (this.delivery.deliveredBefore(work)) {
					yield StageResult.none();
				}
				StageResult downloaded = this.engine.download(work, journal);
				this.delivery.deliver(work, journal);
				yield downloaded;
			}
			case DONE -> throw new IllegalStateException("a delivered item has no stage to run");
		};
	}

}
