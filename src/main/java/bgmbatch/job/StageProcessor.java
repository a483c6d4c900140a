package bgmbatch.job;

import java.nio.file.Files;

import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.source.InputChangedException;
import bgmbatch.source.RemoteInputs;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Runs one stage of one item through the engine; the download stage also delivers.
 * Remote inputs are fetched into this machine's cache before the engine sees the item
 * (unless the engine reads addresses itself), and dropped once the item is delivered.
 */
final class StageProcessor implements ItemProcessor<LedgerItem, StageOutcome> {

	private final Stage stage;

	private final EditingEngine engine;

	private final Ledger ledger;

	private final OutputDelivery delivery;

	private final RemoteInputs inputs;

	private final OutputTarget target;

	StageProcessor(Stage stage, EditingEngine engine, Ledger ledger, OutputDelivery delivery, RemoteInputs inputs,
			OutputTarget target) {
		this.stage = stage;
		this.engine = engine;
		this.ledger = ledger;
		this.delivery = delivery;
		this.inputs = inputs;
		this.target = target;
	}

	@Override
	public StageOutcome process(LedgerItem item) {
		long start = System.nanoTime();
		Journal journal = (key, value) -> this.ledger.recordHandle(item.jobKey(), item.id(), key, value);
		WorkItem work = this.inputs.localView(item.toWorkItem());
		if (this.stage != Stage.DOWNLOAD) {
			work = local(work, journal);
		}
		StageResult result = switch (this.stage) {
			case UPLOAD -> this.engine.upload(work, journal);
			case EDIT -> this.engine.edit(work, journal);
			case VERIFY -> this.engine.verify(work, journal);
			case EXPORT -> {
				this.delivery.prepare(work);
				yield this.engine.export(work, journal);
			}
			case DOWNLOAD -> {
				if (this.target.publishedBefore(work)) {
					this.inputs.release(work);
					yield StageResult.none();
				}
				this.delivery.prepare(work);
				StageResult downloaded = StageResult.none();
				if (!this.delivery.deliveredBefore(work)) {
					// an engine that renders here again (its render was lost) needs its inputs
					downloaded = this.engine.download(Files.exists(work.partFile()) ? work : local(work, journal),
							journal);
					this.delivery.deliver(work, journal);
				}
				this.target.publish(work, journal);
				this.inputs.release(work);
				yield downloaded;
			}
			case DONE -> throw new IllegalStateException("a delivered item has no stage to run");
		};
		return new StageOutcome(item, this.stage, result, (System.nanoTime() - start) / 1e9);
	}

	/** The item with its remote inputs on this machine, unless the engine reads their addresses itself. */
	private WorkItem local(WorkItem work, Journal journal) {
		if (this.engine.readsAddress(work)) {
			return work;
		}
		try {
			return this.inputs.fetch(work, journal, this.stage == Stage.UPLOAD);
		}
		catch (InputChangedException ex) {
			this.ledger.restart(work.jobKey(), work.id());
			throw ex;
		}
	}

}
