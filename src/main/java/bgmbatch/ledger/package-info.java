/**
 * The ledger: one row per manifest row in {@code BGM_ITEM}, in the same database as
 * Spring Batch's tables; the truth about every item's stage, status, handles, timings
 * and claim (see the {@code job} package for how it relates to Spring Batch's
 * executions). Claims use leases, so a worker that dies loses its items to the others.
 * <p>
 * May import the pipeline core ({@code engine}: stages and handles) and nothing else
 * of this project.
 */
package bgmbatch.ledger;
