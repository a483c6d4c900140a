package bgmbatch.ledger;

/**
 * Why a run's workers were told to claim no further item, wherever they run.
 *
 * @param reason what happened, for the operator
 * @param halt whether the job stopped for credits or plan limits (exit 4), rather than failed
 */
public record JobStop(String reason, boolean halt) {

}
