package bgmbatch.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The totals of a job and the items that need a person's attention.
 *
 * @param manifest the manifest's path
 * @param engine the engine that ran
 * @param outcome one line saying how the job ended
 * @param total items in the manifest
 * @param delivered items whose output is in place
 * @param skipped items that can never succeed as given
 * @param failed items that failed and will be retried by a restart
 * @param pending items not reached (the job stopped early)
 * @param warned delivered items whose instruction had words not understood
 * @param credits credits spent on all items
 * @param videoSeconds seconds of video delivered, as far as the engine measured it
 * @param problems skipped and failed items, at most {@link #MAX_PROBLEMS}
 * @param unclearCount items whose instruction had words the engine made nothing of
 * @param unclear the first of them, at most {@link #MAX_UNCLEAR}
 */
public record RunSummary(String manifest, String engine, String outcome, int total, int delivered, int skipped,
		int failed, int pending, int warned, long credits, double videoSeconds, List<ItemReport> problems,
		int unclearCount, List<Unclear> unclear) {

	public static final int MAX_PROBLEMS = 50;

	/** How many partly understood instructions the summary names: a few show the pattern, the report has all. */
	public static final int MAX_UNCLEAR = 5;

	public RunSummary {
		problems = List.copyOf(problems);
		unclear = List.copyOf(unclear);
	}

	/** A summary that counts nothing, for when the ledger could not be read. */
	public static RunSummary nothing(String manifest, String engine, String outcome) {
		return new RunSummary(manifest, engine, outcome, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, List.of());
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

	/** Adds up items one at a time, keeping only the first problems, so a job of any size fits. */
	static final class Tally {

		private int delivered;

		private int skipped;

		private int failed;

		private int pending;

		private int warned;

		private int unclearCount;

		private final List<Unclear> unclear = new ArrayList<>();

		private long credits;

		private double videoSeconds;

		private final List<ItemReport> problems = new ArrayList<>();

		void add(ItemReport item) {
			this.credits += item.credits();
			if (!item.notUnderstood().isEmpty()) {
				this.unclearCount++;
				if (this.unclear.size() < MAX_UNCLEAR) {
					this.unclear.add(new Unclear(item.id(), item.line(), item.notUnderstood()));
				}
			}
			switch (item.status()) {
				case DELIVERED -> {
					this.delivered++;
					this.warned += item.notUnderstood().isEmpty() ? 0 : 1;
					this.videoSeconds += item.videoSeconds() == null ? 0 : item.videoSeconds();
				}
				case SKIPPED -> {
					this.skipped++;
					problem(item);
				}
				case FAILED -> {
					this.failed++;
					problem(item);
				}
				case PENDING -> this.pending++;
			}
		}

		private void problem(ItemReport item) {
			if (this.problems.size() < MAX_PROBLEMS) {
				this.problems.add(item);
			}
		}

		RunSummary summary(String manifest, String engine, String outcome) {
			return new RunSummary(manifest, engine, outcome, this.delivered + this.skipped + this.failed + this.pending,
					this.delivered, this.skipped, this.failed, this.pending, this.warned, this.credits,
					this.videoSeconds, this.problems, this.unclearCount, this.unclear);
		}

	}

}
