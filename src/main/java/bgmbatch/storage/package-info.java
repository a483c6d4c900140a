/**
 * The object store port: what inputs from and outputs to a bucket need ({@code s3://}
 * locations, head, ranged reads, whole-object puts), free of any SDK, so that only a run
 * that names a bucket loads one.
 * <p>
 * Imports nothing of this project.
 */
package bgmbatch.storage;
