package bgmbatch.report;

import java.util.Map;

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
 * @param stage the stage it reached (done when delivered)
 * @param reason why it was skipped or failed, or empty
 * @param plan the interpreted plan, or empty
 * @param output the output file (only meaningful when delivered)
 * @param attempts failed attempts so far
 * @param credits credits spent on it
 * @param seconds seconds spent per stage
 */
public record ItemReport(String id, long line, String video, String instruction, String music, String result,
		String stage, String reason, String plan, String output, int attempts, int credits,
		Map<String, Double> seconds) {

	static ItemReport of(LedgerItem item) {
		return new ItemReport(item.id(), item.line(), shown(item.handles().get(WorkItem.VIDEO_SOURCE), item.video()),
				item.instruction(), shown(item.handles().get(WorkItem.MUSIC_SOURCE), item.music()), item.status().name().toLowerCase(java.util.Locale.ROOT),
				item.stage().stepName(), item.lastError() == null ? "" : item.lastError(),
				item.plan() == null ? "" : item.plan(), item.output().toString(), item.attempts(), item.credits(),
				item.timings());
	}

	/** An input as a person reads it: a file's path, or an address without its secrets. */
	private static String shown(String address, java.nio.file.Path file) {
		if (address != null) {
			return SourceUrl.mask(address);
		}
		return file == null ? "" : file.toString();
	}

}
