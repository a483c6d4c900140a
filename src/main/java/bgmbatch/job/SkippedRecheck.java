package bgmbatch.job;

import java.util.ArrayList;
import java.util.List;

import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

/**
 * Asks again, at every plain run, about the items skipped on their way in (at the first
 * stage): one whose file has arrived, or has been replaced, goes back in the queue. A
 * file is taken as new when its fingerprint differs from the one the item was skipped
 * with (none, for a file that was missing): the very file the engine refused would be
 * refused again, every night, so it stays skipped until it changes. Items the engine
 * refused later (say, for the instruction) would be refused again too, possibly after
 * spending credits: they need a changed manifest row.
 */
final class SkippedRecheck {

	private final Ledger ledger;

	private final InputCheck inputs;

	SkippedRecheck(Ledger ledger, InputCheck inputs) {
		this.ledger = ledger;
		this.inputs = inputs;
	}

	/** @return how many skipped items went back in the queue */
	int requeueReady(String jobKey) {
		// collected first: the ledger is not written while its rows are being streamed
		List<LedgerItem> skipped = new ArrayList<>();
		this.ledger.forEach(jobKey, (item) -> {
			if (item.status() == ItemStatus.SKIPPED && item.stage() == Stage.UPLOAD) {
				skipped.add(item);
			}
		});
		int requeued = 0;
		for (LedgerItem item : skipped) {
			String videoUrl = item.handles().get(WorkItem.VIDEO_SOURCE);
			if (this.inputs.problem(item.video(), item.music(), videoUrl,
					item.handles().get(WorkItem.MUSIC_SOURCE)) != null) {
				continue;
			}
			String fingerprint = InputCheck.fingerprint(item.video(), videoUrl);
			if (fingerprint != null && !fingerprint.equals(item.fingerprint())) {
				this.ledger.requeueSkipped(jobKey, item.id(), fingerprint);
				requeued++;
			}
		}
		return requeued;
	}

}
