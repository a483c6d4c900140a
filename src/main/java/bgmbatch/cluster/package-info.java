/**
 * Several machines: a manager ({@code distributed=true}) hands the {@code work} step's worker
 * slots out over RabbitMQ with Spring Batch remote partitioning and waits by polling the
 * job repository; worker machines ({@code worker} command) take one slot per free lane and
 * run the same {@code worker} step as a one-machine run, on the shared PostgreSQL ledger.
 * A slot is leased like an item: a slot whose worker died or stopped goes back to the
 * workers. Depends on the job wiring and the ledger; nothing on the one-machine path
 * depends on it.
 */
package bgmbatch.cluster;
