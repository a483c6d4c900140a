package bgmbatch.job;

import java.util.Locale;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;
import bgmbatch.ledger.ClaimLostException;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.progress.ProgressDisplay;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Feeds the progress display from the workers, in the engine's words for its stages, and
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

	ProgressTracker(StageWords words, ProgressDisplay display) {
		this.words = words;
		this.display = display;
	}

	@Override
	public void beforeProcess(LedgerItem item) {
		MDC.put(MDC_ITEM, item.id());
		logger.info(this.words.of(item.stage()) + " started (" + item.video().getFileName() + ")");
		this.display.stageStarted(item.id(), this.words.of(item.stage()));
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
			}
			else {
				this.display.stageFinished(outcome.item().id());
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
		MDC.remove(MDC_ITEM);
	}

	@Override
	public void onSkipInWrite(StageOutcome outcome, Throwable failure) {
		if (Failures.unwrap(failure) instanceof ClaimLostException) {
			logger.warn(Failures.unwrap(failure).getMessage());
			MDC.remove(MDC_ITEM);
			return;
		}
		this.display.leftBehind(outcome.item().id(), this.words.of(outcome.stage()), false,
				"could not record the result: " + ItemFailureRecorder.reason(failure));
		MDC.remove(MDC_ITEM);
	}

}
