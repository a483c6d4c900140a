/**
 * Run control and the Spring Batch wiring of the job: {@code prepare} (manifest into
 * the ledger), then {@code work} (N workers that each claim an item and take it through
 * its remaining stages, one committed chunk per stage), the skip and retry policies, the
 * listeners that drive the progress display, the reports and the execution log, and
 * {@link bgmbatch.job.JobRunner}, which decides whether to start, resume or decline.
 * <p>
 * May import the pipeline core ({@code engine}: the port, its records and failures) and
 * the infrastructure below it ({@code ledger}, {@code manifest}, {@code media},
 * {@code state}, {@code report}, {@code progress}, {@code logs}); never an engine
 * implementation, never {@code cli}.
 *
 * <h2>Two state machines, and which one is the truth</h2>
 * Two records of progress exist side by side, and they are not equals.
 * <ul>
 * <li><b>The ledger</b> ({@code BGM_ITEM}, one row per manifest row) is the truth. Each
 * row holds the item's next stage, its status (pending, delivered, skipped, failed), its
 * engine handles (write-ahead marks such as "edit sent" and the render id, committed
 * before the call they guard), and, while a worker holds it, the worker's claim and
 * lease. Every stage's result is committed to the row in the same transaction as the
 * chunk that ran it, so a kill loses at most the stage in hand.</li>
 * <li><b>Spring Batch's own job and step executions</b> say only that a run happened and
 * how it ended (its exit status becomes the exit code). Their execution contexts hold no
 * item progress: since issue 10 the workers claim items from the ledger
 * ({@link bgmbatch.job.ItemClaimer}), so no reader position or lane assignment needs
 * restoring.</li>
 * </ul>
 * Spring Batch's restart machinery is therefore neutralised on purpose:
 * <ul>
 * <li>every step is {@code allowStartIfComplete(true)}: {@code prepare} is idempotent
 * (rows are inserted if absent) and each worker asks the ledger what is left, so a step
 * "completed" in an earlier execution must run again, not be skipped;</li>
 * <li>a finished job that must run again (forced, an output went missing, items were
 * requeued) is started as a new job instance by raising the {@code generation}
 * parameter ({@link bgmbatch.job.JobParams}); the ledger key ignores the generation, so
 * the items are the same;</li>
 * <li>after a kill the execution left STARTED is recovered ({@code JobOperator.recover})
 * once the run locks prove its process gone, the claims it held are released, and a
 * <em>fresh</em> execution (next generation) is started rather than a restart: a kill
 * can land between Spring Batch saving a step execution and saving its context, and a
 * restarted step would then get an empty context. Items lose nothing: their progress
 * is in the ledger.</li>
 * </ul>
 * A FAILED or STOPPED execution (not killed) is restarted with the same parameters in
 * the usual Spring Batch way; that too only re-runs the steps, which again ask the ledger.
 */
package bgmbatch.job;
