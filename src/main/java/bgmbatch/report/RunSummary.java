package bgmbatch.report;

import java.util.List;

/**
 * The totals of a run and the items that need a person's attention.
 *
 * @param manifest the manifest's path
 * @param engine the engine that ran
 * @param outcome one line saying how the job ended
 * @param total items in the manifest
 * @param delivered items whose output is in place
 * @param skipped items that can never succeed as given
 * @param failed items that failed and will be retried by a restart
 * @param pending items not reached (the job stopped early)
 * @param problems skipped and failed items, at most {@link #MAX_PROBLEMS}
 */
public record RunSummary(String manifest, String engine, String outcome, int total, int delivered, int skipped,
		int failed, int pending, List<ItemReport> problems) {

	public static final int MAX_PROBLEMS = 50;

	public RunSummary {
		problems = List.copyOf(problems);
	}

	public int unlistedProblems() {
		return this.skipped + this.failed - this.problems.size();
	}

}
