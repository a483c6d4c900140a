package bgmbatch.progress;

import bgmbatch.engine.Stage;

/** {@code quiet=true}: nothing while the job runs; the summary still prints. */
final class QuietProgress implements ProgressDisplay {

	@Override
	public void begin(int total, int done) {
	}

	@Override
	public void stageStarted(String item, Stage stage) {
	}

	@Override
	public void stageFinished(String item, Stage stage) {
	}

	@Override
	public void delivered(String item, String output, double seconds) {
	}

	@Override
	public void leftBehind(String item, Stage stage, boolean skipped, String reason) {
	}

	@Override
	public void close() {
	}

}
