package bgmbatch.job;

import java.io.PrintStream;
import java.util.Locale;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.Stage;
import bgmbatch.ledger.LedgerItem;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;

/** One plain line per item that is delivered, skipped or failed: readable in a terminal and in a cron mail. */
final class ProgressPrinter implements ItemWriteListener<StageOutcome>, SkipListener<LedgerItem, StageOutcome> {

	private final PrintStream out;

	ProgressPrinter(PrintStream out) {
		this.out = out;
	}

	@Override
	public void afterWrite(Chunk<? extends StageOutcome> items) {
		for (StageOutcome outcome : items) {
			if (outcome.stage() == Stage.DOWNLOAD) {
				double total = outcome.item().timings().values().stream().mapToDouble(Double::doubleValue).sum()
						+ outcome.seconds();
				this.out.printf(Locale.ROOT, "delivered  %s -> %s (%.1f s)%n", outcome.item().id(),
						outcome.item().output().getFileName(), total);
			}
		}
	}

	@Override
	public void onSkipInProcess(LedgerItem item, Throwable failure) {
		Throwable t = Failures.unwrap(failure);
		this.out.printf("%s %s: %s%n", t instanceof ItemRejectedException ? "skipped   " : "failed    ", item.id(),
				ItemFailureRecorder.reason(t));
	}

}
