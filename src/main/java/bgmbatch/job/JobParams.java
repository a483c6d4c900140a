package bgmbatch.job;

import java.nio.file.Path;

import bgmbatch.state.StateFolder;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one job run. A job is the manifest (its path and its content), the
 * output folder and the engine: the same manifest into a new output folder, or on the
 * other engine, is a new job whose items all start afresh. A job instance adds a
 * generation (raised when a finished job must run again: a forced run or a lost output).
 *
 * @param manifest the manifest (absolute)
 * @param sha256 the manifest's content hash
 * @param generation the instance's generation, from 1
 * @param output the output folder (absolute)
 * @param engine the engine's name
 */
public record JobParams(Path manifest, String sha256, long generation, Path output, String engine) {

	static final String MANIFEST = "manifest";

	static final String SHA256 = "manifestSha256";

	static final String GENERATION = "generation";

	static final String OUTPUT = "output";

	static final String ENGINE = "engine";

	/** The ledger's key for this job: items belong to the job, across generations. */
	public String jobKey() {
		return jobKey(this.manifest.toString(), this.sha256, this.output, this.engine);
	}

	/**
	 * The manifest and the start of its hash stay readable in the key; the output folder
	 * goes in as its name and a hash, so a long path cannot outgrow the column.
	 */
	public static String jobKey(String manifest, String sha256, Path output, String engine) {
		return manifest + "#" + sha256.substring(0, 16) + "#" + engine + "#" + StateFolder.slug(output);
	}

	/** Whether these parameters are of the same job as the other's (any generation). */
	public boolean sameJob(JobParams other) {
		return this.manifest.equals(other.manifest) && this.sha256.equals(other.sha256)
				&& this.output.equals(other.output) && this.engine.equals(other.engine);
	}

	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(MANIFEST, this.manifest.toString())
			.addString(SHA256, this.sha256)
			.addLong(GENERATION, this.generation)
			.addString(OUTPUT, this.output.toString())
			.addString(ENGINE, this.engine)
			.toJobParameters();
	}

	public static JobParams of(JobParameters parameters) {
		return new JobParams(Path.of(parameters.getString(MANIFEST)), parameters.getString(SHA256),
				parameters.getLong(GENERATION), Path.of(parameters.getString(OUTPUT)), parameters.getString(ENGINE));
	}

}
