/**
 * The reports a run leaves in its output folder — report.csv and report.json for scripts,
 * report.html for people — and the end-of-run summary on the console. Reads the ledger;
 * knows nothing of Spring Batch: the job hands it what it decided ({@link bgmbatch.report.JobFacts}).
 * <p>
 * May import the pipeline core, the ledger, {@code media} (waveforms) and
 * {@code progress} (the operator's settings); never {@code job} or {@code cli}.
 */
package bgmbatch.report;
