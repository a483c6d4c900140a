/**
 * The execution log: each run's own log file in the state folder, opened when the job
 * starts and closed when it ends.
 * <p>
 * Imports nothing of this project.
 */
package bgmbatch.logs;
