package bgmbatch.job;

import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.manifest.ManifestRow;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a manifest row into a ledger item, checking what can be checked without an
 * engine ({@link InputCheck}). A row whose files are missing or unusable becomes a skipped
 * item with the reason, so the rest of the job goes on.
 */
final class RowChecker implements ItemProcessor<ManifestRow, LedgerItem> {

	private final String jobKey;

	private final Ledger ledger;

	private final InputCheck inputs;

	RowChecker(String jobKey, Ledger ledger, InputCheck inputs) {
		this.jobKey = jobKey;
		this.ledger = ledger;
		this.inputs = inputs;
	}

	@Override
	public LedgerItem process(ManifestRow row) {
		if (this.ledger.contains(this.jobKey, row.id())) {
			// a restart: the item keeps its progress, and its files need not be read again
			return null;
		}
		String problem = this.inputs.problem(row.video(), row.music(), row.videoUrl(), row.musicUrl());
		String fingerprint = problem == null ? InputCheck.fingerprint(row.video(), row.videoUrl()) : null;
		if (problem == null && fingerprint == null) {
			problem = "the video " + row.video() + " cannot be read";
		}
		return LedgerItem.fresh(this.jobKey, row.id(), row.row(), row.line(), row.video(), fingerprint,
				row.instruction(), row.music(), row.output(),
				WorkItem.rowHandles(row.language(), row.videoUrl(), row.musicUrl(), row.notes()),
				problem == null ? ItemStatus.PENDING : ItemStatus.SKIPPED, problem);
	}

}
