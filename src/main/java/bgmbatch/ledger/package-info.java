/**
 * The ledger: one row per manifest row in {@code BGM_ITEM}, in the same database as
 * Spring Batch's tables; the truth about every item's stage, status, plan, handles, timings
 * and claim (see the {@code job} package for how it relates to Spring Batch's
 * executions). Claims use leases, so a worker that dies loses its items to the others.
 * {@link bgmbatch.ledger.Ledger} is the one door; one class per concern behind it holds
 * its SQL, and {@link bgmbatch.ledger.LedgerDialect} what differs between the databases.
 * A shared (PostgreSQL) database has three more tables of ours, used only by several
 * machines: worker slots ({@link bgmbatch.ledger.SlotLeases}), items a machine handed back
 * ({@link bgmbatch.ledger.ItemRefusals}) and the database's own id. Every statement on our
 * tables is in this package; Spring Batch's tables are read through its {@code JobRepository}.
 * <p>
 * May import the pipeline core ({@code engine}: stages, handles, plans) and nothing else
 * of this project.
 */
package bgmbatch.ledger;
