package bgmbatch.job;

import bgmbatch.ledger.Ledger;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Commits each finished stage to the ledger with the worker and times that ran it, moving the item on. */
final class StageWriter implements ItemWriter<StageOutcome> {

	private final Ledger ledger;

	StageWriter(Ledger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void write(Chunk<? extends StageOutcome> chunk) {
		for (StageOutcome outcome : chunk) {
			this.ledger.advance(outcome.item().jobKey(), outcome.item().id(), outcome.result(), outcome.run());
		}
	}

}
