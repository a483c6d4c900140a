package bgmbatch.job;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Runs one stage of one item through the engine; the download stage also delivers. */
final class StageProcessor implements ItemProcessor<LedgerItem, StageOutcome> {

	private final Stage stage;

	private final EditingEngine engine;

	private final Ledger ledger;

	private final OutputDelivery delivery;

	StageProcessor(Stage stage, EditingEngine engine, Ledger ledger, OutputDelivery delivery) {
		this.stage = stage;
		this.engine = engine;
		this.ledger = ledger;
		this.delivery = delivery;
	}

	@Override
	public StageOutcome process(LedgerItem item) {
		long start = System.nanoTime();
		WorkItem work = item.toWorkItem();
		Journal journal = (key, value) -> this.ledger.recordHandle(item.jobKey(), item.id(), key, value);
		StageResult result = switch (this.stage) {
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
		return new StageOutcome(item, this.stage, result, (System.nanoTime() - start) / 1e9);
	}

}
