/**
 * Where delivered outputs end up: the output folder itself, or a bucket prefix
 * ({@code output=s3://}), where each output checked and renamed in a local staging folder
 * is uploaded whole (S3 shows an object only once complete) with its SHA-256 recorded
 * before the upload, so a rerun never uploads it twice. Reports follow the outputs.
 * <p>
 * May import the pipeline core ({@code engine}) and {@code storage}.
 */
package bgmbatch.delivery;
