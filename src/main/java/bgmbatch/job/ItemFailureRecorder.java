package bgmbatch.job;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.ledger.ClaimLostException;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Records why an item left the stage: rejected inputs are skipped for good, anything
 * else is a failure that the next run retries. A worker that lost its claim records
 * nothing: the item is its new holder's.
 */
final class ItemFailureRecorder implements SkipListener<LedgerItem, StageOutcome> {

	private final Ledger ledger;

	ItemFailureRecorder(Ledger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void onSkipInProcess(LedgerItem item, Throwable failure) {
		Throwable t = Failures.unwrap(failure);
		if (t instanceof ClaimLostException) {
			return;
		}
		if (t instanceof ItemRejectedException) {
			this.ledger.markSkipped(item.jobKey(), item.id(), t.getMessage());
		}
		else {
			this.ledger.markFailed(item.jobKey(), item.id(), reason(t));
		}
	}

	@Override
	public void onSkipInWrite(StageOutcome outcome, Throwable t) {
		if (Failures.unwrap(t) instanceof ClaimLostException) {
			return;
		}
		this.ledger.markFailed(outcome.item().jobKey(), outcome.item().id(), "could not record the result: " + reason(t));
	}

	static String reason(Throwable failure) {
		Throwable t = Failures.unwrap(failure);
		String message = t.getMessage();
		if (message == null || message.isBlank()) {
			return t.getClass().getSimpleName();
		}
		return message.lines().findFirst().orElse(message);
	}

}
