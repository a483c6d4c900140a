package bgmbatch.job;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.ledger.LedgerItem;

/** One item's finished stage, on its way to the ledger. */
record StageOutcome(LedgerItem item, Stage stage, StageResult result, double seconds) {

}
