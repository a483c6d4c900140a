/**
 * The look inside a live run. The running process is the only one that opens its job
 * database, so it publishes what it is doing instead: a snapshot file in the state folder,
 * replaced atomically every second and on each stage change, which {@code status} and
 * {@code jobs} read. A snapshot counts only while its owner still holds the manifest's run
 * lock, so a killed or stopped run is never shown as running. Depends on the pipeline
 * core ({@code engine.Stage}) and the state folder only.
 */
package bgmbatch.live;
