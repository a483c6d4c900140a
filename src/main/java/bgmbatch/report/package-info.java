/**
 * What the operator reads after the run: {@code report.csv}, {@code report.json},
 * {@code report.html} and the end-of-run summary, all built from the ledger.
 * <p>
 * May import the pipeline core, the ledger, {@code media} (waveforms) and
 * {@code progress} (the operator's settings); never {@code job} or {@code cli}.
 */
package bgmbatch.report;
