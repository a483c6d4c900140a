package bgmbatch.job;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one job run. A job instance is the manifest's path, its content
 * hash and a generation (raised when a finished job must run again: a forced run or a
 * lost output); everything else may change between a run and its restart.
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

	/** The ledger's key for this job: items belong to the manifest's content, across generations. */
	public String jobKey() {
		return jobKey(this.manifest.toString(), this.sha256);
	}

	public static String jobKey(String manifest, String sha256) {
		return manifest + "#" + sha256.substring(0, 16);
	}

	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(MANIFEST, this.manifest.toString())
			.addString(SHA256, this.sha256)
			.addLong(GENERATION, this.generation)
			.addString(OUTPUT, this.output.toString(), false)
			.addString(ENGINE, this.engine, false)
			.toJobParameters();
	}

	public static JobParams of(JobParameters parameters) {
		return new JobParams(Path.of(parameters.getString(MANIFEST)), parameters.getString(SHA256),
				parameters.getLong(GENERATION), Path.of(parameters.getString(OUTPUT)), parameters.getString(ENGINE));
	}

}
