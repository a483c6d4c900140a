package bgmbatch.progress;

import bgmbatch.engine.Stage;

/**
 * What the operator sees while a job runs. Called from every lane at once, so
 * implementations must be thread-safe.
 */
public interface ProgressDisplay extends AutoCloseable {

	/** The job knows its size: {@code done} of {@code total} items need no more work. */
	void begin(int total, int done);

	/** An item entered a stage. */
	void stageStarted(String item, Stage stage);

	/** An item finished a stage that was not its last. */
	void stageFinished(String item, Stage stage);

	/** An item's output is in place. */
	void delivered(String item, String output, double seconds);

	/** An item left the job without an output: skipped for good, or failed until the next run. */
	void leftBehind(String item, Stage stage, boolean skipped, String reason);

	/** The job ended; stops any drawing or timer. Safe to call twice. */
	@Override
	void close();

}
