package bgmbatch.job;

import java.nio.file.Path;
import java.util.Objects;

import bgmbatch.state.StateFolder;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one job run. A job is the manifest (its path and its content), where
 * its outputs go and the engine: the same manifest into a new output folder, or on the
 * other engine, is a new job whose items all start afresh. Outputs go to the output
 * folder, or for {@code output=s3://} to the bucket prefix: the job is then the prefix's,
 * whatever staging folder a machine makes its outputs in. A job instance adds a
 * generation (raised when a finished job must run again: a forced run or a lost output).
 *
 * @param manifest the manifest (absolute)
 * @param sha256 the manifest's content hash
 * @param generation the instance's generation, from 1
 * @param output the output folder (absolute): for a bucket, this machine's staging folder
 * @param engine the engine's name
 * @param bucket the bucket prefix outputs are uploaded to ({@code s3://bucket/prefix/}), or
 * null when the output folder is where they stay
 */
public record JobParams(Path manifest, String sha256, long generation, Path output, String engine, String bucket) {

	static final String MANIFEST = "manifest";

	static final String SHA256 = "manifestSha256";

	static final String GENERATION = "generation";

	static final String OUTPUT = "output";

	static final String ENGINE = "engine";

	static final String BUCKET = "bucket";

	/** The ledger's key for this job: items belong to the job, across generations. */
	public String jobKey() {
		return jobKey(this.manifest.toString(), this.sha256, this.output, this.engine, this.bucket);
	}

	/**
	 * The manifest and the start of its hash stay readable in the key; where outputs go
	 * (the output folder, else the bucket prefix) goes in as its name and a hash, so a
	 * long path cannot outgrow the column.
	 */
	public static String jobKey(String manifest, String sha256, Path output, String engine, String bucket) {
		return manifest + "#" + sha256.substring(0, 16) + "#" + engine + "#"
				+ (bucket == null ? StateFolder.slug(output) : StateFolder.slug(bucket));
	}

	/** The same job's parameters for another generation. */
	JobParams generation(long generation) {
		return new JobParams(this.manifest, this.sha256, generation, this.output, this.engine, this.bucket);
	}

	/** Whether these parameters are of the same job as the other's (any generation). */
	public boolean sameJob(JobParams other) {
		return this.manifest.equals(other.manifest) && this.sha256.equals(other.sha256)
				&& this.engine.equals(other.engine) && Objects.equals(this.bucket, other.bucket)
				&& (this.bucket != null || this.output.equals(other.output));
	}

	public JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addString(MANIFEST, this.manifest.toString())
			.addString(SHA256, this.sha256)
			.addLong(GENERATION, this.generation)
			.addString(OUTPUT, this.output.toString())
			.addString(ENGINE, this.engine);
		if (this.bucket != null) {
			// only when there is one: a local job's parameters stay as they were, and so its instances
			builder.addString(BUCKET, this.bucket);
		}
		return builder.toJobParameters();
	}

	public static JobParams of(JobParameters parameters) {
		return new JobParams(Path.of(parameters.getString(MANIFEST)), parameters.getString(SHA256),
				parameters.getLong(GENERATION), Path.of(parameters.getString(OUTPUT)), parameters.getString(ENGINE),
				parameters.getString(BUCKET));
	}

}
