package bgmbatch.cli;

/** The exit codes cron users script against. */
public enum ExitCode {

	/** Every item delivered, or nothing to do. */
	OK(0, "every item delivered, or nothing to do"),
	/** Something failed; running the same command again resumes. */
	FAILED(1, "something failed; run the same command again to resume"),
	/** Bad invocation, manifest, state folder or missing tool: nothing was done. */
	USAGE(2, "bad invocation, manifest or state folder, or ffmpeg missing; nothing was done"),
	/** Finished, but some items were skipped (see the report for why). */
	SKIPPED(3, "finished, but some items were skipped (the report says why)"),
	/** Stopped for credits or plan limits; restartable once resolved. */
	HALTED(4, "stopped for credits or plan limits; run again once resolved"),
	/** Another run into the same output folder, or of the same manifest, is in progress. */
	ALREADY_RUNNING(5, "another run into the same output folder, or of the same manifest, is in progress");

	private final int code;

	private final String meaning;

	ExitCode(int code, String meaning) {
		this.code = code;
		this.meaning = meaning;
	}

	public int code() {
		return this.code;
	}

	/** What the code means, in the words of the usage text and the report. */
	public String meaning() {
		return this.meaning;
	}

}
