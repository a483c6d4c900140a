package bgmbatch.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.WorkItem;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestSource;

/**
 * {@code explain=true}: streams the manifest and prints what the engine would do with
 * each row, touching neither the ledger nor the outputs.
 */
final class PlanExplainer {

	private final EditingEngine engine;

	private final PrintStream console;

	PlanExplainer(EditingEngine engine, PrintStream console) {
		this.engine = engine;
		this.console = console;
	}

	void explain(ManifestSource source, Path output, boolean keepContainer) {
		String jobKey = JobParams.jobKey(source.path().toString(), source.sha256());
		try (ManifestReader.Cursor cursor = new ManifestReader(source, output, keepContainer).open()) {
			ManifestItems.of(cursor, jobKey).forEach((item) -> this.console.println(item.id() + ": " + plan(item)));
		}
	}

	private String plan(WorkItem item) {
		if (item.handle(WorkItem.VIDEO_SOURCE) != null) {
			return "(a remote input: its plan is made once it is fetched)";
		}
		if (!Files.isRegularFile(item.video())) {
			return "would be skipped: the video " + item.video() + " does not exist";
		}
		try {
			String plan = this.engine.explain(item);
			return plan == null ? "(this engine makes its plan while it runs)" : plan;
		}
		catch (RuntimeException ex) {
			return "would be skipped: " + ex.getMessage();
		}
	}

}
