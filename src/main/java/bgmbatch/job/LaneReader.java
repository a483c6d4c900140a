package bgmbatch.job;

import java.util.ArrayDeque;
import java.util.Deque;

import bgmbatch.engine.Stage;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;

import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads the items of one lane waiting at one stage, in manifest order. It pages by
 * position rather than by offset, because items leave the selection as they advance.
 * It keeps no restart state: the ledger is the state, so a rerun reads what still waits.
 */
final class LaneReader implements ItemReader<LedgerItem> {

	private static final int PAGE = 100;

	private final Ledger ledger;

	private final String jobKey;

	private final Stage stage;

	private final int lane;

	private final int lanes;

	private final Deque<LedgerItem> page = new ArrayDeque<>();

	private int lastSeq = -1;

	private boolean exhausted;

	LaneReader(Ledger ledger, String jobKey, Stage stage, int lane, int lanes) {
		this.ledger = ledger;
		this.jobKey = jobKey;
		this.stage = stage;
		this.lane = lane;
		this.lanes = lanes;
	}

	@Override
	public LedgerItem read() {
		if (this.page.isEmpty() && !this.exhausted) {
			this.page.addAll(this.ledger.waiting(this.jobKey, this.stage, this.lane, this.lanes, this.lastSeq, PAGE));
			this.exhausted = this.page.size() < PAGE;
		}
		LedgerItem next = this.page.poll();
		if (next != null) {
			this.lastSeq = next.seq();
		}
		return next;
	}

}
