/**
 * The manifest CSV: its columns, reading and checking it whole before a run starts,
 * and one {@link bgmbatch.manifest.ManifestRow} per row with paths resolved against
 * the manifest's folder and outputs kept inside the output folder.
 * <p>
 * Imports nothing of this project.
 */
package bgmbatch.manifest;
