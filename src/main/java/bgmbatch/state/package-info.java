/**
 * The state folder (job database, caches, logs, credentials) and the run locks that
 * keep two runs of one job apart and prove a killed run's process is gone.
 * <p>
 * Imports nothing of this project.
 */
package bgmbatch.state;
