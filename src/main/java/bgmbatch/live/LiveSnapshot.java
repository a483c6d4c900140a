package bgmbatch.live;

import java.util.List;

/**
 * What a running job is doing, as it publishes it. Instants are ISO-8601 UTC text so the
 * file reads plainly with any tool.
 *
 * @param pid the process running the job, which holds the manifest's run lock
 * @param manifest the manifest's path
 * @param execution the run's execution number
 * @param started when the run started
 * @param updated when this snapshot was taken
 * @param total items in the job
 * @param delivered items delivered (in this run or before)
 * @param skipped items skipped
 * @param failed items failed in this run
 * @param eta when the job should be done at this run's throughput, or null before anything was delivered
 * @param items every item with work left when the run began, in manifest order (those delivered or
 * skipped by earlier runs are only counted)
 */
public record LiveSnapshot(long pid, String manifest, long execution, String started, String updated, int total,
		int delivered, int skipped, int failed, String eta, List<Item> items) {

	public LiveSnapshot {
		items = items == null ? List.of() : List.copyOf(items);
	}

	/**
	 * One item as the run sees it.
	 *
	 * @param id the item's id
	 * @param state {@code waiting}, {@code working}, {@code delivered}, {@code skipped} or {@code failed}
	 * @param stage the stage it is at, in the engine's words
	 * @param worker the worker holding it ({@code host:pid:slot}, as the ledger's claim says), or null
	 * @param since when it entered that stage, or null when it is not being worked on
	 * @param eta when it should be delivered, from this run's stage times, or null while unknown
	 * @param reason why it was skipped or failed, or null
	 */
	public record Item(String id, String state, String stage, String worker, String since, String eta,
			String reason) {

	}

}
