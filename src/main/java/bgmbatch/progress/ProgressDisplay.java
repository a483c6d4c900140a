package bgmbatch.progress;

/**
 * What the operator sees while a job runs. Called from every worker at once, so
 * implementations must be thread-safe. Stages come as the engine's own words for them
 * ("rendering", "uploading").
 */
public interface ProgressDisplay extends AutoCloseable {

	/** The job knows its size: {@code done} of {@code total} items need no more work. */
	void begin(int total, int done);

	/** An item entered a stage. */
	void stageStarted(String item, String stage);

	/** An item finished a stage that was not its last. */
	void stageFinished(String item);

	/** An item's output is in place. */
	void delivered(String item, String output, double seconds);

	/** An item left the job without an output: skipped for good, or failed until the next run. */
	void leftBehind(String item, String stage, boolean skipped, String reason);

	/** The job ended; stops any drawing or timer. Safe to call twice. */
	@Override
	void close();

}
