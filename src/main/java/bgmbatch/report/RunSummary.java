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
 * @param unclearCount items whose instruction had words the engine made nothing of
 * @param unclear the first of them, at most {@link #MAX_UNCLEAR}
 */
public record RunSummary(String manifest, String engine, String outcome, int total, int delivered, int skipped,
		int failed, int pending, List<ItemReport> problems, int unclearCount, List<Unclear> unclear) {

	public static final int MAX_PROBLEMS = 50;

	/** How many partly understood instructions the summary names: a few show the pattern, the report has all. */
	public static final int MAX_UNCLEAR = 5;

	public RunSummary {
		problems = List.copyOf(problems);
		unclear = List.copyOf(unclear);
	}

	/** A summary without instruction notes (no report could be read for them). */
	public RunSummary(String manifest, String engine, String outcome, int total, int delivered, int skipped,
			int failed, int pending, List<ItemReport> problems) {
		this(manifest, engine, outcome, total, delivered, skipped, failed, pending, problems, 0, List.of());
	}

	RunSummary withUnclear(int count, List<Unclear> examples) {
		return new RunSummary(this.manifest, this.engine, this.outcome, this.total, this.delivered, this.skipped,
				this.failed, this.pending, this.problems, count, examples);
	}

	/**
	 * An item whose instruction was only partly understood.
	 *
	 * @param id the item's id
	 * @param line its manifest line
	 * @param words the words nothing was made of
	 */
	public record Unclear(String id, long line, List<String> words) {

		public Unclear {
			words = List.copyOf(words);
		}

	}

	public int unlistedProblems() {
		return this.skipped + this.failed - this.problems.size();
	}

}
