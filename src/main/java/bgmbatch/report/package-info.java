/**
 * The reports a run leaves in its output folder — report.csv and report.json for scripts,
 * report.html for people — and the end-of-run summary on the console. Reads the ledger;
 * knows nothing of Spring Batch: the job hands it what it decided ({@link bgmbatch.report.JobFacts}).
 */
package bgmbatch.report;
