package bgmbatch.job;

import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestRow;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Feeds manifest rows to the prepare step, one at a time. */
final class ManifestItemReader implements ItemStreamReader<ManifestRow> {

	private final ManifestReader manifest;

	private ManifestReader.Cursor cursor;

	ManifestItemReader(ManifestReader manifest) {
		this.manifest = manifest;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.cursor = this.manifest.open();
	}

	@Override
	public ManifestRow read() {
		return this.cursor.next();
	}

	@Override
	public void close() {
		if (this.cursor != null) {
			this.cursor.close();
			this.cursor = null;
		}
	}

}
