package bgmbatch.delivery;

import java.nio.file.Path;

import bgmbatch.engine.Journal;
import bgmbatch.engine.WorkItem;

/**
 * Where delivered outputs and the reports end up. Every output is first delivered into
 * the local output folder (made as {@code .part}, checked with ffprobe, renamed); a
 * target elsewhere then takes it from there. The job calls, per item at the download
 * stage: {@link #publishedBefore} (skip all when true), then, once the output is
 * delivered locally, {@link #publish}; at start {@link #exists} for each delivered item;
 * at the end {@link #publishReports}.
 */
public interface OutputTarget {

	/** The report people open; report.csv and report.json lie beside it. */
	String REPORT = "report.html";

	/** Whether the item's output already reached the target (a restart after it got there). */
	boolean publishedBefore(WorkItem item);

	/** Takes the locally delivered output ({@link WorkItem#output()}) to the target; idempotent. */
	void publish(WorkItem item, Journal journal);

	/** Whether a delivered output is still there, for the start-of-run check for lost outputs. */
	boolean exists(Path output);

	/**
	 * Takes the reports written into the local folder to the target.
	 * @return where a person finds report.html now: on the target, or in the local folder
	 * when it could not be taken there
	 */
	String publishReports(Path folder);

	/** Where a person finds a file of the local folder once published, for messages. */
	String describe(Path localFile);

	/** The local output folder is the target: nothing to publish. */
	static OutputTarget localFolder() {
		return new OutputTarget() {
			@Override
			public boolean publishedBefore(WorkItem item) {
				return false;
			}

			@Override
			public void publish(WorkItem item, Journal journal) {
			}

			@Override
			public boolean exists(Path output) {
				return java.nio.file.Files.exists(output);
			}

			@Override
			public String publishReports(Path folder) {
				return folder.resolve(REPORT).toString();
			}

			@Override
			public String describe(Path localFile) {
				return localFile.toString();
			}
		};
	}

}
