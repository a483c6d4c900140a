package bgmbatch.metrics;

import java.time.Instant;

/**
 * What a run tells monitoring when it ends.
 *
 * @param manifest the manifest's path (a label: one series per manifest)
 * @param engine the engine that ran (a label)
 * @param delivered items of the job delivered
 * @param skipped items skipped
 * @param failed items failed (a rerun retries them)
 * @param jobSeconds how long the run took
 * @param mediaSeconds seconds of video delivered, as far as the engine measured it
 * @param credits credits spent on the job's items
 * @param exitCode the run's exit code
 * @param lastSuccess when a run of this job last finished (exit 0 or 3), or null if none has
 */
public record RunMetrics(String manifest, String engine, int delivered, int skipped, int failed, double jobSeconds,
		double mediaSeconds, long credits, int exitCode, Instant lastSuccess) {

}
