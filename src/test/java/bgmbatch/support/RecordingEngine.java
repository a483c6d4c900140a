package bgmbatch.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;

/**
 * Wraps a real engine, counts calls per item and stage, and fails chosen (item, stage)
 * pairs on demand: the failure injection of the restart tests.
 */
public final class RecordingEngine implements EditingEngine {

	/** Set when the context creates the real engine; a field because each run builds a fresh context. */
	private volatile EditingEngine delegate;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, Supplier<RuntimeException>> failures = new ConcurrentHashMap<>();

	/** Decorator for {@link RunHarness#decorateEngine}: records calls to the context's real engine. */
	public EditingEngine wrapping(EditingEngine engine) {
		this.delegate = engine;
		return this;
	}

	/** The next call of that stage for that item fails (once). */
	public RecordingEngine failOnce(String itemId, Stage stage) {
		return failOnce(itemId, stage, () -> new ItemFailedException("injected failure at " + stage.stepName()));
	}

	/** The next call of that stage for that item throws what the supplier makes (once). */
	public RecordingEngine failOnce(String itemId, Stage stage, Supplier<RuntimeException> failure) {
		this.failures.put(key(itemId, stage), failure);
		return this;
	}

	public int calls(String itemId, Stage stage) {
		AtomicInteger count = this.calls.get(key(itemId, stage));
		return count == null ? 0 : count.get();
	}

	public int totalCalls() {
		return this.calls.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		record(item, Stage.UPLOAD);
		return this.delegate.upload(item, journal);
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		record(item, Stage.EDIT);
		return this.delegate.edit(item, journal);
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		record(item, Stage.VERIFY);
		return this.delegate.verify(item, journal);
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		record(item, Stage.EXPORT);
		return this.delegate.export(item, journal);
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		record(item, Stage.DOWNLOAD);
		return this.delegate.download(item, journal);
	}

	@Override
	public void checkReady() {
		this.delegate.checkReady();
	}

	@Override
	public Stage redoStageForMissingOutput() {
		return this.delegate.redoStageForMissingOutput();
	}

	@Override
	public StageWords stageWords() {
		return this.delegate.stageWords();
	}

	private void record(WorkItem item, Stage stage) {
		String key = key(item.id(), stage);
		this.calls.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		Supplier<RuntimeException> failure = this.failures.remove(key);
		if (failure != null) {
			throw failure.get();
		}
	}

	private static String key(String itemId, Stage stage) {
		return itemId + "/" + stage;
	}

}
