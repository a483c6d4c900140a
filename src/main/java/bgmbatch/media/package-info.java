/**
 * Running ffmpeg and ffprobe: the command runner (timeouts, output captured), the probe
 * of a delivered file, and reading ffmpeg's numbers ({@code N/A}, {@code -inf}).
 * <p>
 * Imports nothing of this project.
 */
package bgmbatch.media;
