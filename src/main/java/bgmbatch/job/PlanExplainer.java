package bgmbatch.job;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Explanation;
import bgmbatch.engine.WorkItem;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestSource;

/**
 * {@code explain=true}: streams the manifest and prints what the engine would do with
 * each row, and which phrase of its instruction set which part of the plan, touching
 * neither the ledger nor the outputs. {@code explain=json} prints the same as one JSON
 * object per row (JSON Lines), for scripts.
 */
final class PlanExplainer {

	private static final String LATER = "this engine makes its plan while it runs";

	private static final String REMOTE = "a remote input: its plan is made once it is fetched";

	private final EditingEngine engine;

	private final PrintStream console;

	private final boolean json;

	private final ObjectMapper mapper = new ObjectMapper();

	PlanExplainer(EditingEngine engine, PrintStream console, boolean json) {
		this.engine = engine;
		this.console = console;
		this.json = json;
	}

	void explain(ManifestSource source, Path output, boolean keepContainer, String jobKey) {
		try (ManifestReader.Cursor cursor = new ManifestReader(source, output, keepContainer).open()) {
			ManifestItems.of(cursor, jobKey).forEach(this::explain);
		}
	}

	private void explain(WorkItem item) {
		String skipped = null;
		Explanation explanation = null;
		String later = LATER;
		if (item.handle(WorkItem.VIDEO_SOURCE) != null) {
			// explaining must not fetch anything
			later = REMOTE;
		}
		else if (!Files.isRegularFile(item.video())) {
			skipped = "the video " + item.video() + " does not exist";
		}
		else {
			try {
				explanation = this.engine.explain(item);
			}
			catch (RuntimeException ex) {
				skipped = ex.getMessage();
			}
		}
		if (this.json) {
			this.console.println(json(item, explanation, skipped, later));
		}
		else if (skipped != null) {
			this.console.println(item.id() + ": would be skipped: " + skipped);
		}
		else if (explanation == null) {
			this.console.println(item.id() + ": (" + later + ")");
		}
		else {
			this.console.println(item.id() + ": " + explanation.plan().text());
			explanation.because().forEach((line) -> this.console.println("    " + line));
		}
	}

	private String json(WorkItem item, Explanation explanation, String skipped, String later) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", item.id());
		row.put("instruction", item.instruction());
		if (skipped != null) {
			row.put("skipped", skipped);
		}
		else if (explanation == null) {
			row.put("plan", null);
			row.put("note", later);
		}
		else {
			row.put("summary", explanation.plan().text());
			row.putAll(explanation.fields());
		}
		try {
			return this.mapper.writeValueAsString(row);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
