package bgmbatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import bgmbatch.state.StateFolder;
import bgmbatch.storage.S3Location;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a run. Each is given on the command line as {@code name=value}, or as the
 * Spring property {@code bgm.name} (environment {@code BGM_NAME}).
 *
 * @param manifest the manifest CSV to run
 * @param output the folder outputs go into, or {@code s3://bucket/prefix/}; default {@code output} beside the
 * manifest
 * @param engine the editing engine: {@code local} (ffmpeg here) or {@code nemo} (cloud)
 * @param concurrency how many items are worked on at once; 0 picks the number of cores
 * @param force start every item afresh, even delivered ones
 * @param stateDir the folder holding the job database, credentials cache and logs
 * @param format {@code mp4} writes MP4 outputs; {@code same} keeps each input's container
 * @param itemRetries how often a stage is retried for one item after a transient failure
 * @param ffmpegTimeout the longest one ffmpeg run may take before the item fails
 * @param dryRun check the manifest and the engine, print what each item would do and cost,
 * and stop without doing or spending anything
 * @param musicLibrary a folder of tracks the local engine picks from by mood (tags in its library.csv or the files)
 * @param explain print each item's plan without rendering anything
 * @param maxHeight scale videos taller than this down to it (re-encoding them); 0 keeps every size
 */
@ConfigurationProperties("bgm")
public record BgmProperties(Path manifest, String output, @DefaultValue("local") String engine,
		@DefaultValue("0") int concurrency, @DefaultValue("false") boolean force,
		@DefaultValue(".bgm-batch") Path stateDir, @DefaultValue("mp4") String format,
		@DefaultValue("2") int itemRetries, @DefaultValue("30m") Duration ffmpegTimeout,
		@DefaultValue("false") boolean dryRun,
		Path musicLibrary, @DefaultValue("false") boolean explain, @DefaultValue("0") int maxHeight) {

	public boolean keepContainer() {
		return "same".equalsIgnoreCase(this.format);
	}

	/**
	 * The local folder outputs are made and delivered in: the output folder, or for an
	 * {@code s3://} output a staging folder in the state folder (one per destination).
	 */
	public Path outputFolder() {
		if (outputBucket().isPresent()) {
			return this.stateDir.resolve("outbox").resolve(StateFolder.slug(this.output.strip()))
				.toAbsolutePath()
				.normalize();
		}
		if (this.output != null && !this.output.isBlank()) {
			return Path.of(this.output).toAbsolutePath().normalize();
		}
		return this.manifest.toAbsolutePath().normalize().resolveSibling("output");
	}

	/** The bucket and prefix of an {@code output=s3://bucket/prefix/}, else empty. */
	public Optional<S3Location> outputBucket() {
		return S3Location.isS3(this.output) ? Optional.of(S3Location.parse(this.output)) : Optional.empty();
	}

	public int lanes() {
		return this.concurrency > 0 ? this.concurrency : Runtime.getRuntime().availableProcessors();
	}

}
