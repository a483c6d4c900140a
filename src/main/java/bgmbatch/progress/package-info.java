/**
 * What the operator sees while a job runs: a live display on a terminal, plain lines that
 * start with the date and time everywhere else, or nothing ({@code quiet=true}).
 */
package bgmbatch.progress;
