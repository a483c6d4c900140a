/**
 * What the operator sees while a job runs: a live display on a terminal, plain lines that
 * start with the date and time everywhere else, or nothing ({@code quiet=true}).
 * <p>
 * May import the pipeline core; its imports of the application's settings and of
 * {@code cli} (for the usage error) are the upward imports issue 16 item 1 removes.
 */
package bgmbatch.progress;
