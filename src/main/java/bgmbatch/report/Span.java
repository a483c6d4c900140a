package bgmbatch.report;

import java.time.Duration;
import java.time.Instant;

import bgmbatch.engine.Stage;
import bgmbatch.ledger.ItemStatus;

/**
 * One stage of one item on one worker, as the run's timeline draws it.
 *
 * @param worker who worked on it (host, process and slot), or null when the ledger does not say
 * @param item the item's id
 * @param stage the stage
 * @param start when the stage started
 * @param end when it finished (or gave up)
 * @param result how the item stands now, so a failed item's last bar can say so
 */
public record Span(String worker, String item, Stage stage, Instant start, Instant end, ItemStatus result) {

	public double seconds() {
		return Duration.between(this.start, this.end).toMillis() / 1000.0;
	}

}
