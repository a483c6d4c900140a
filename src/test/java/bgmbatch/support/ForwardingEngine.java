package bgmbatch.support;

import java.io.PrintStream;
import java.util.stream.Stream;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Explanation;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;

/** An engine that passes every call on: tests override the one they want to watch or disturb. */
public class ForwardingEngine implements EditingEngine {

	private final EditingEngine engine;

	public ForwardingEngine(EditingEngine engine) {
		this.engine = engine;
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		return this.engine.upload(item, journal);
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		return this.engine.edit(item, journal);
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		return this.engine.verify(item, journal);
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		return this.engine.export(item, journal);
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		return this.engine.download(item, journal);
	}

	@Override
	public void checkReady() {
		this.engine.checkReady();
	}

	@Override
	public boolean dryRun(Stream<WorkItem> items, PrintStream out) {
		return this.engine.dryRun(items, out);
	}

	@Override
	public Explanation explain(WorkItem item) {
		return this.engine.explain(item);
	}

	@Override
	public boolean readsInputs(Stage stage, WorkItem item) {
		return this.engine.readsInputs(stage, item);
	}

	@Override
	public Stage redoStageForMissingOutput() {
		return this.engine.redoStageForMissingOutput();
	}

	@Override
	public StageWords stageWords() {
		return this.engine.stageWords();
	}

}
