package bgmbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;

/**
 * What the reports say about the job as a whole, across all its runs: the job decides
 * these, the reports only write them down.
 *
 * @param manifest the manifest's path
 * @param engine the engine's name
 * @param outcome one sentence saying how this run ended and what to do next
 * @param status Spring Batch's status of the last run
 * @param exitCode the process's exit code
 * @param exitMeaning what that exit code means, in words
 * @param runs every run of this job so far, oldest first, the current one last
 * @param stageWords how this engine names each stage for people (local: probing, planning...)
 */
public record JobFacts(String manifest, String engine, String outcome, String status, int exitCode,
		String exitMeaning, List<Run> runs, StageWords stageWords) {

	public JobFacts {
		runs = runs.stream().sorted(Comparator.comparing(Run::started)).toList();
	}

	/** When the first run started; null before any run. */
	public Instant firstStarted() {
		return this.runs.isEmpty() ? null : this.runs.get(0).started();
	}

	/** When the last run ended; null before any run. */
	public Instant lastFinished() {
		return this.runs.stream().map(Run::finished).max(Comparator.naturalOrder()).orElse(null);
	}

	/** Seconds the job's runs were running, added up: the time its work took, without the gaps between runs. */
	public double runningSeconds() {
		return this.runs.stream().mapToDouble(Run::seconds).sum();
	}

	/** Seconds from the first start to the last end, gaps between runs included. */
	public double wallSeconds() {
		Instant first = firstStarted();
		return first == null ? 0 : Duration.between(first, lastFinished()).toMillis() / 1000.0;
	}

	/** A stage as this engine names it, e.g. "rendering". */
	public String word(Stage stage) {
		return this.stageWords.of(stage);
	}

	/**
	 * One run (a Spring Batch job execution) of the job.
	 *
	 * @param execution the execution's id
	 * @param started when it started
	 * @param finished when it ended (for the current run: when the report was written)
	 * @param status how it ended
	 */
	public record Run(long execution, Instant started, Instant finished, String status) {

		public double seconds() {
			return Duration.between(this.started, this.finished).toMillis() / 1000.0;
		}

	}

}
