package bgmbatch.job;

import java.time.Instant;

import bgmbatch.delivery.OutputTarget;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;
import bgmbatch.source.InputChangedException;
import bgmbatch.source.RemoteInputs;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Runs an item's next stage through the engine; the download stage also delivers. Every
 * write-ahead mark the stage makes checks that this worker still holds the item, so a
 * worker whose claim ran out stops before the call the mark guards. A failure that
 * concerns the whole job (see {@link ItemSkipPolicy}) also tells the other workers,
 * wherever they run, to claim nothing more.
 * <p>
 * Inputs given by address are on this machine before any stage that reads them (the
 * engine says which do): the first such stage a worker runs for an item fetches them into
 * the cache, later ones find them there at the cost of a lock and a file read. They leave
 * the cache once the item is delivered.
 * <p>
 * An item this worker's machine cannot work on (see {@link Workplace#canWorkOn}) is
 * filtered out: no result, no failure; it is another worker's to take.
 */
final class StageProcessor implements ItemProcessor<LedgerItem, StageOutcome> {

	private final EditingEngine engine;

	private final Ledger ledger;

	private final OutputDelivery delivery;

	private final RemoteInputs inputs;

	private final OutputTarget target;

	private final String worker;

	private final long jobExecutionId;

	private final Workplace workplace;

	private final StopRequest stop;

	StageProcessor(EditingEngine engine, Ledger ledger, OutputDelivery delivery, RemoteInputs inputs,
			OutputTarget target, String worker, long jobExecutionId, Workplace workplace, StopRequest stop) {
		this.engine = engine;
		this.ledger = ledger;
		this.delivery = delivery;
		this.inputs = inputs;
		this.target = target;
		this.worker = worker;
		this.jobExecutionId = jobExecutionId;
		this.workplace = workplace;
		this.stop = stop;
	}

	@Override
	public StageOutcome process(LedgerItem item) {
		Instant started = Instant.now();
		try {
			if (!this.workplace.canWorkOn(item, this.worker, this.delivery.outputFolder(), this.jobExecutionId)) {
				// handed back to the other workers: nothing to write, the reader claims another item
				return null;
			}
			WorkItem row = item.toWorkItem();
			StageResult result = run(item.stage(), this.inputs.localView(row),
					(key, value) -> this.ledger.recordHandle(item.jobKey(), item.id(), this.worker, key, value));
			return new StageOutcome(item, result, new StageRun(item.stage(), this.worker, started, Instant.now()));
		}
		catch (RuntimeException | Error ex) {
			if (this.stop.abandoning()) {
				throw new StoppedOnRequestException(ex);
			}
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
			case UPLOAD -> this.engine.upload(local(stage, work, journal), journal);
			case EDIT -> this.engine.edit(local(stage, work, journal), journal);
			case VERIFY -> this.engine.verify(local(stage, work, journal), journal);
			case EXPORT -> {
				this.delivery.prepare(work);
				yield this.engine.export(local(stage, work, journal), journal);
			}
			case DOWNLOAD -> deliver(work, journal);
			case DONE -> throw new IllegalStateException("a delivered item has no stage to run");
		};
	}

	/**
	 * The last stage: the engine's output is checked and renamed into the output folder,
	 * then taken to the target (a bucket) if there is one. A restart finds what an earlier
	 * attempt already moved into place or published, and does not do it twice.
	 */
	private StageResult deliver(WorkItem work, Journal journal) {
		if (this.target.publishedBefore(work)) {
			this.inputs.release(work);
			return StageResult.none();
		}
		this.delivery.prepare(work);
		StageResult downloaded = StageResult.none();
		if (!this.delivery.deliveredBefore(work)) {
			downloaded = this.engine.download(local(Stage.DOWNLOAD, work, journal), journal);
			this.delivery.deliver(work, journal);
		}
		this.target.publish(work, journal);
		this.inputs.release(work);
		return downloaded;
	}

	/**
	 * The item with its remote inputs on this machine when the stage reads them. A remote
	 * input that changed since the item began sends the item back to its first stage.
	 */
	private WorkItem local(Stage stage, WorkItem work, Journal journal) {
		if (!this.engine.readsInputs(stage, work)) {
			return work;
		}
		try {
			return this.inputs.fetch(work, journal, stage == Stage.UPLOAD);
		}
		catch (InputChangedException ex) {
			this.ledger.restart(work.jobKey(), work.id(), this.worker);
			throw ex;
		}
	}

}
