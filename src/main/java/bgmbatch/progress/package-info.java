/**
 * What the operator sees while the job runs: the live bar on a terminal, plain
 * timestamped lines for logs and cron, or nothing but the summary.
 * <p>
 * May import the pipeline core; its imports of the application's settings and of
 * {@code cli} (for the usage error) are the upward imports issue 16 item 1 removes.
 */
package bgmbatch.progress;
