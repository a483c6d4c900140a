package bgmbatch.progress;

/** {@code quiet=true}: nothing while the job runs; the summary still prints. */
final class QuietProgress implements ProgressDisplay {

	@Override
	public void begin(int total, int done) {
	}

	@Override
	public void stageStarted(String item, String stage) {
	}

	@Override
	public void stageFinished(String item) {
	}

	@Override
	public void delivered(String item, String output, double seconds) {
	}

	@Override
	public void leftBehind(String item, String stage, boolean skipped, String reason) {
	}

	@Override
	public void close() {
	}

}
