package bgmbatch.job;

import java.util.Locale;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;
import bgmbatch.ledger.ClaimLostException;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.live.LiveBoard;
import bgmbatch.progress.ProgressDisplay;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Feeds the progress display and the live status from the workers, in the engine's words
 * for its stages, and
 * puts the item's id into the logging context ({@code item}) while it is worked on, so
 * every log line about it says which item it is. Workers call it concurrently; it keeps
 * no state of its own.
 */
final class ProgressTracker
		implements ItemProcessListener<LedgerItem, StageOutcome>, ItemWriteListener<StageOutcome>,
		SkipListener<LedgerItem, StageOutcome> {

	static final String MDC_ITEM = "item";

	private static final Log logger = LogFactory.getLog(ProgressTracker.class);

	private final StageWords words;

	private final ProgressDisplay display;

	private final LiveBoard live;

	ProgressTracker(StageWords words, ProgressDisplay display, LiveBoard live) {
		this.words = words;
		this.display = display;
		this.live = live;
	}

	@Override
	public void beforeProcess(LedgerItem item) {
		MDC.put(MDC_ITEM, item.id());
		logger.info(this.words.of(item.stage()) + " started (" + item.video().getFileName() + ")");
		this.display.stageStarted(item.id(), this.words.of(item.stage()));
		this.live.stageStarted(item.id(), item.stage(), this.words.of(item.stage()), item.claimedBy());
	}

	/** No result: the worker handed the item back (its machine cannot work on it); another worker shows its progress. */
	@Override
	public void afterProcess(LedgerItem item, StageOutcome result) {
		if (result == null) {
			this.display.stageFinished(item.id());
			MDC.remove(MDC_ITEM);
		}
	}

	@Override
	public void onProcessError(LedgerItem item, Exception e) {
		// a retry or a skip follows; the id stays for their log lines and is replaced by the next item
	}

	@Override
	public void afterWrite(Chunk<? extends StageOutcome> items) {
		for (StageOutcome outcome : items) {
			logger.info(String.format(Locale.ROOT, "%s done in %.2f s", this.words.of(outcome.stage()),
					outcome.run().seconds()));
			if (outcome.stage() == Stage.DOWNLOAD) {
				double total = outcome.item().timings().values().stream().mapToDouble(Double::doubleValue).sum()
						+ outcome.run().seconds();
				this.display.delivered(outcome.item().id(), outcome.item().output().getFileName().toString(), total);
				this.live.delivered(outcome.item().id(), outcome.stage(), outcome.run().seconds(),
						this.words.of(Stage.DONE));
			}
			else {
				this.display.stageFinished(outcome.item().id());
				this.live.stageFinished(outcome.item().id(), outcome.stage(), outcome.run().seconds(),
						this.words.of(outcome.stage().next()));
			}
		}
		MDC.remove(MDC_ITEM);
	}

	@Override
	public void onWriteError(Exception exception, Chunk<? extends StageOutcome> items) {
		MDC.remove(MDC_ITEM);
	}

	@Override
	public void onSkipInProcess(LedgerItem item, Throwable failure) {
		Throwable t = Failures.unwrap(failure);
		String stage = this.words.of(item.stage());
		if (t instanceof ClaimLostException) {
			logger.warn(t.getMessage());
			MDC.remove(MDC_ITEM);
			return;
		}
		logger.info((t instanceof ItemRejectedException ? "skipped" : "failed") + " while " + stage + ": "
				+ ItemFailureRecorder.reason(t));
		this.display.leftBehind(item.id(), stage, t instanceof ItemRejectedException, ItemFailureRecorder.reason(t));
		this.live.leftBehind(item.id(), t instanceof ItemRejectedException, ItemFailureRecorder.reason(t));
		MDC.remove(MDC_ITEM);
	}

	@Override
	public void onSkipInWrite(StageOutcome outcome, Throwable failure) {
		if (Failures.unwrap(failure) instanceof ClaimLostException) {
			logger.warn(Failures.unwrap(failure).getMessage());
			MDC.remove(MDC_ITEM);
			return;
		}
		String reason = "could not record the result: " + ItemFailureRecorder.reason(failure);
		this.display.leftBehind(outcome.item().id(), this.words.of(outcome.stage()), false, reason);
		this.live.leftBehind(outcome.item().id(), false, reason);
		MDC.remove(MDC_ITEM);
	}

}
