package bgmbatch.engine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.stream.Stream;

/**
 * The port both editing engines implement. Each method runs one stage for one item and
 * is called again on restart for items whose stage did not finish, so every method must
 * be safe to repeat: it consults {@link WorkItem#handles()} and the {@link Journal} to
 * avoid paying twice.
 * <p>
 * Failures are typed by what the job must do: {@link TransientEngineException} (retry),
 * {@link ItemRejectedException} (skip the item with a reason),
 * {@link ItemFailedException} (fail the item, retried on restart) and
 * {@link JobHaltException} (stop the whole job, restartable later).
 */
public interface EditingEngine {

	/** Makes the input available to the engine (a probe locally, an upload remotely). */
	StageResult upload(WorkItem item, Journal journal);

	/** Turns the instruction into an edit (a plan locally, a chat edit remotely). */
	StageResult edit(WorkItem item, Journal journal);

	/** Checks the edit did what was asked before anything is rendered. */
	StageResult verify(WorkItem item, Journal journal);

	/** Starts or performs the render. */
	StageResult export(WorkItem item, Journal journal);

	/**
	 * Leaves the finished render in {@link WorkItem#partFile()}. The caller verifies it and
	 * renames it into place.
	 */
	StageResult download(WorkItem item, Journal journal);

	/**
	 * Checks, before any work, that the engine can run at all (tools installed,
	 * credentials usable).
	 * @throws bgmbatch.media.MissingToolException or another exception naming what to fix
	 */
	default void checkReady() {
	}

	/**
	 * Prints, per item, what a run would do, and what it would spend, without doing or
	 * spending anything.
	 * @param items the manifest's items in order
	 * @param out where to print
	 * @return whether the run could go ahead (for a paid service: whether the balance covers it)
	 */
	default boolean dryRun(Stream<WorkItem> items, PrintStream out) {
		items.forEach((item) -> out.printf("  %s: would add music to %s: \"%s\"%n", item.id(), item.video().getFileName(),
				item.instruction()));
		out.println("Dry run: this engine spends no credits.");
		return true;
	}

	/**
	 * What the engine would do with the item, without doing it or spending anything
	 * ({@code explain=true}, {@code explain=json}). Null when the engine cannot tell in advance.
	 */
	default Explanation explain(WorkItem item) {
		return null;
	}

	/**
	 * Whether this stage of the item reads its input files, so that inputs given by address
	 * ({@link WorkItem#VIDEO_SOURCE}) must be on this machine before it runs. By default
	 * every stage does, except a download whose rendered part file is already there. An
	 * engine whose service fetches an address itself says no for that item.
	 */
	default boolean readsInputs(Stage stage, WorkItem item) {
		return stage != Stage.DOWNLOAD || !Files.isRegularFile(item.partFile());
	}

	/** The cheapest stage that recreates a delivered output that has gone missing. */
	Stage redoStageForMissingOutput();

	/** How people read this engine's stages while they run (console, status, report, logs). */
	StageWords stageWords();

}
