package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.Plan;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;

/**
 * An engine that does no media work, so a benchmark sees what the job itself costs per
 * item: manifest, ledger, Batch metadata, delivery. Upload records the template's
 * duration (as a real engine records the input's), download copies a tiny valid
 * template into the part file, which delivery then verifies like any output.
 */
public final class NoopEngine implements EditingEngine {

	private final Path template;

	private final String durationSeconds;

	public NoopEngine(Path template, double durationSeconds) {
		this.template = template;
		this.durationSeconds = Double.toString(durationSeconds);
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		return StageResult.of(Map.of(WorkItem.INPUT_DURATION, this.durationSeconds));
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		return new StageResult(Map.of(), Plan.note("noop", "noop"), 0);
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		return StageResult.none();
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		return StageResult.none();
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		try {
			Files.copy(this.template, item.partFile(), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new ItemFailedException("cannot copy the template: " + ex.getMessage(), ex);
		}
		return StageResult.none();
	}

	@Override
	public StageWords stageWords() {
		return new StageWords("noting", "planning", "checking", "rendering", "copying");
	}

	@Override
	public Stage redoStageForMissingOutput() {
		return Stage.DOWNLOAD;
	}

}
