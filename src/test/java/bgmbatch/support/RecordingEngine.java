package bgmbatch.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;

/**
 * Wraps a real engine, counts calls per item and stage, fails chosen (item, stage) pairs
 * on demand (the failure injection of the restart tests), and runs actions before and
 * after stages (to hold one item while others go on).
 */
public final class RecordingEngine implements EditingEngine {

	/** Set when the context creates the real engine; a field because each run builds a fresh context. */
	private volatile EditingEngine delegate;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, Supplier<RuntimeException>> failures = new ConcurrentHashMap<>();

	private final Map<String, Runnable> before = new ConcurrentHashMap<>();

	private final Map<Stage, Consumer<WorkItem>> after = new ConcurrentHashMap<>();

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

	/** Runs the action each time that stage of that item is about to run (to hold it, say, until a latch opens). */
	public RecordingEngine before(String itemId, Stage stage, Runnable action) {
		this.before.put(key(itemId, stage), action);
		return this;
	}

	/** Calls the action with each item whose stage has just returned without failing. */
	public RecordingEngine after(Stage stage, Consumer<WorkItem> action) {
		this.after.put(stage, action);
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
		return call(item, Stage.UPLOAD, () -> this.delegate.upload(item, journal));
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		return call(item, Stage.EDIT, () -> this.delegate.edit(item, journal));
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		return call(item, Stage.VERIFY, () -> this.delegate.verify(item, journal));
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		return call(item, Stage.EXPORT, () -> this.delegate.export(item, journal));
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		return call(item, Stage.DOWNLOAD, () -> this.delegate.download(item, journal));
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

	private StageResult call(WorkItem item, Stage stage, Supplier<StageResult> stageCall) {
		String key = key(item.id(), stage);
		this.calls.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		Supplier<RuntimeException> failure = this.failures.remove(key);
		if (failure != null) {
			throw failure.get();
		}
		this.before.getOrDefault(key, () -> {
		}).run();
		StageResult result = stageCall.get();
		this.after.getOrDefault(stage, (done) -> {
		}).accept(item);
		return result;
	}

	private static String key(String itemId, Stage stage) {
		return itemId + "/" + stage;
	}

}
