package bgmbatch.job;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;

/** One item's finished stage, on its way to the ledger. */
record StageOutcome(LedgerItem item, StageResult result, StageRun run) {

	Stage stage() {
		return this.run.stage();
	}

}
