package bgmbatch.ledger;

import java.time.Duration;
import java.time.Instant;

import bgmbatch.engine.Stage;

/**
 * One finished stage of an item, as its ledger row keeps it: enough to draw a run's
 * timeline (a row per worker, a bar per item and stage).
 *
 * @param stage the stage
 * @param worker the worker that ran it (host:pid:slot)
 * @param started when it started
 * @param finished when it finished
 */
public record StageRun(Stage stage, String worker, Instant started, Instant finished) {

	public double seconds() {
		return Duration.between(this.started, this.finished).toNanos() / 1e9;
	}

}
