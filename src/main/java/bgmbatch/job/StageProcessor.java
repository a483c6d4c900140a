package bgmbatch.job;

import java.time.Instant;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Runs an item's next stage through the engine; the download stage also delivers. Every
 * write-ahead mark the stage makes checks that this worker still holds the item, so a
 * worker whose claim ran out stops before the call the mark guards. A failure that
 * concerns the whole job (see {@link ItemSkipPolicy}) also tells the other workers,
 * wherever they run, to claim nothing more.
 */
final class StageProcessor implements ItemProcessor<LedgerItem, StageOutcome> {

	private final EditingEngine engine;

	private final Ledger ledger;

	private final OutputDelivery delivery;

	private final String worker;

	private final long jobExecutionId;

	private final Workplace workplace;

	StageProcessor(EditingEngine engine, Ledger ledger, OutputDelivery delivery, String worker, long jobExecutionId,
			Workplace workplace) {
		this.engine = engine;
		this.ledger = ledger;
		this.delivery = delivery;
		this.worker = worker;
		this.jobExecutionId = jobExecutionId;
		this.workplace = workplace;
	}

	@Override
	public StageOutcome process(LedgerItem item) {
		Instant started = Instant.now();
		try {
			WorkItem work = item.toWorkItem();
			this.workplace.checkFiles(work, this.delivery.outputFolder());
			StageResult result = run(item.stage(), work,
					(key, value) -> this.ledger.recordHandle(item.jobKey(), item.id(), this.worker, key, value));
			return new StageOutcome(item, result, new StageRun(item.stage(), this.worker, started, Instant.now()));
		}
		catch (RuntimeException | Error ex) {
			if (!ItemSkipPolicy.skippable(ex)) {
				Throwable failure = Failures.unwrap(ex);
				this.ledger.stop(this.jobExecutionId, ItemFailureRecorder.reason(failure),
						failure instanceof JobHaltException);
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
