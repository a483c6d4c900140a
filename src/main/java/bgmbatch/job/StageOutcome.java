package bgmbatch.job;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;

/**
 * One item's finished stage, on its way to the ledger. Public because the build-time bean
 * definitions (Spring AOT, generated in another package) name it in the type of the
 * step-scoped processor.
 */
public record StageOutcome(LedgerItem item, StageResult result, StageRun run) {

	Stage stage() {
		return this.run.stage();
	}

}
