package bgmbatch.job;

import java.util.stream.Stream;

import bgmbatch.engine.WorkItem;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestRow;

/** The manifest's rows as the engine would first see them, for previews that touch no ledger. */
final class ManifestItems {

	private ManifestItems() {
	}

	/** A lazy stream over the cursor: it holds one row at a time, however large the manifest. */
	static Stream<WorkItem> of(ManifestReader.Cursor cursor, String jobKey) {
		return Stream.generate(cursor::next)
			.takeWhile((row) -> row != null)
			.map((row) -> item(row, jobKey));
	}

	/** One row as the engine would first see it. */
	static WorkItem item(ManifestRow row, String jobKey) {
		return new WorkItem(jobKey, row.id(), row.video(), row.instruction(), row.music(), row.output(), null,
				WorkItem.rowHandles(row.language(), row.videoUrl(), row.musicUrl(), row.notes()), 0, row.row());
	}

}
