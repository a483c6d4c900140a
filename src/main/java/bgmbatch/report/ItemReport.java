package bgmbatch.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.source.SourceUrl;

/**
 * One item as the report shows it.
 *
 * @param id the item's id
 * @param line the manifest line of its row
 * @param video the input
 * @param instruction the instruction
 * @param music the manifest's music file, or empty
 * @param result delivered, skipped, failed or pending
 * @param stage the stage it reached, in the engine's word for it (done when delivered)
 * @param reason why it was skipped or failed, or empty
 * @param plan the interpreted plan, or empty
 * @param output the output file (only meaningful when delivered)
 * @param attempts failed attempts so far
 * @param credits credits spent on it
 * @param seconds seconds spent per stage, by the engine's words for them
 * @param warnings what the plan warns about: words of the instruction not understood, changes
 * made to fit the video
 */
public record ItemReport(String id, long line, String video, String instruction, String music, String result,
		String stage, String reason, String plan, String output, int attempts, int credits,
		Map<String, Double> seconds, List<String> warnings) {

	public ItemReport {
		warnings = List.copyOf(warnings);
	}

	static ItemReport of(LedgerItem item, StageWords words) {
		return new ItemReport(item.id(), item.line(), shown(item.handles().get(WorkItem.VIDEO_SOURCE), item.video()),
				item.instruction(), shown(item.handles().get(WorkItem.MUSIC_SOURCE), item.music()),
				item.status().name().toLowerCase(java.util.Locale.ROOT), words.of(item.stage()),
				item.lastError() == null ? "" : item.lastError(),
				item.plan() == null ? "" : item.plan(), item.output().toString(), item.attempts(), item.credits(),
				seconds(item.timings(), words), lines(item.handles().get(WorkItem.WARNINGS)));
	}

	/** The ledger keeps seconds under the stages' own names; the report says them in the engine's words, in order. */
	static Map<String, Double> seconds(Map<String, Double> timings, StageWords words) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (Stage stage : Stage.values()) {
			Double value = timings.get(stage.stepName());
			if (value != null) {
				seconds.put(words.of(stage), value);
			}
		}
		return seconds;
	}

	/** The words of the item's instruction the engine made nothing of, empty when none. */
	static List<String> notUnderstood(LedgerItem item) {
		return lines(item.handles().get(WorkItem.NOT_UNDERSTOOD));
	}

	private static List<String> lines(String handle) {
		return handle == null || handle.isEmpty() ? List.of() : List.of(handle.split("\n"));
	}

	/** An input as a person reads it: a file's path, or an address without its secrets. */
	private static String shown(String address, java.nio.file.Path file) {
		if (address != null) {
			return SourceUrl.mask(address);
		}
		return file == null ? "" : file.toString();
	}

}
