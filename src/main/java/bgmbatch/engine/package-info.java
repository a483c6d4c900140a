/**
 * The pipeline core: the engine port ({@link bgmbatch.engine.EditingEngine}), the records
 * it speaks in (work item, stage, stage result, plan, explanation, sound measurement), the
 * write-ahead {@link bgmbatch.engine.Journal}, and the failures typed by what the job must
 * do: transient (retry), rejected (skip with a reason), failed (the next run tries again),
 * halt (stop the job, exit 4).
 * <p>
 * Imports nothing of this project: everything else depends on it. No OkHttp, Jackson
 * or ffmpeg type appears in it.
 */
package bgmbatch.engine;
