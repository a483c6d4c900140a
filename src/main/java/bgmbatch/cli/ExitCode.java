package bgmbatch.cli;

/** The exit codes cron users script against. */
public enum ExitCode {

	/** Every item delivered, or nothing to do. */
	OK(0),
	/** Something failed; running the same command again resumes. */
	FAILED(1),
	/** Bad invocation, manifest, state folder or missing tool: nothing was done. */
	USAGE(2),
	/** Finished, but some items were skipped (see the report for why). */
	SKIPPED(3),
	/** Stopped for credits or plan limits; restartable once resolved. */
	HALTED(4),
	/** Another run into the same output folder, or of the same manifest, is in progress. */
	ALREADY_RUNNING(5);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
