/**
 * Inputs given by address ({@code https://}, {@code http://}, {@code s3://}): the address
 * rules (no internal addresses unless allowed, checked on each connection), masking of
 * secrets for display, the per-machine input cache in the state folder, resumable
 * fetches pinned to the version an item began with.
 * <p>
 * May import the pipeline core ({@code engine}), {@code media} (the ffprobe check) and
 * {@code storage}.
 */
package bgmbatch.source;
