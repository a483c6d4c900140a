package bgmbatch.settings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import bgmbatch.state.StateFolder;
import bgmbatch.storage.S3Location;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The run's own settings: what to run, where, how, and how it sounds. A group of
 * {@link BgmProperties}: each is given on the command line as {@code name=value}, or as the
 * Spring property {@code bgm.name} (environment {@code BGM_NAME}).
 *
 * @param manifest the manifest CSV to run
 * @param output the folder outputs go into, or {@code s3://bucket/prefix/}; default {@code output} beside the
 * manifest
 * @param engine the editing engine: {@code local} (ffmpeg here) or {@code nemo} (cloud)
 * @param concurrency how many items are worked on at once; 0 picks the number of cores
 * @param force start every item afresh, even delivered ones
 * @param stateDir the folder holding the job database, credentials cache and logs; default the
 * user's state folder, {@code $XDG_STATE_HOME/bgm-batch} or {@code ~/.local/state/bgm-batch}
 * @param format {@code mp4} writes MP4 outputs; {@code same} keeps each input's container
 * @param itemRetries how often a stage is retried for one item after a transient failure
 * @param ffmpegTimeout the longest one ffmpeg run may take before the item fails
 * @param dryRun check the manifest and the engine, print what each item would do and cost,
 * and stop without doing or spending anything
 * @param musicLibrary a folder of tracks the local engine picks from by mood (tags in its library.csv or the files)
 * @param explain print each item's plan without rendering anything: {@code true} for people,
 * {@code json} for one JSON object per row; {@code false} runs the job
 * @param maxHeight scale videos taller than this down to it (re-encoding them); 0 keeps every size
 * @param distributed this run is the manager of workers on other machines ({@code worker}
 * command); needs {@code spring.datasource.*} (PostgreSQL) and {@code spring.rabbitmq.*}
 * @param lease how long a worker's claim on an item lasts unless renewed: how long the items
 * of a worker that died wait before another worker continues them
 * @param truePeak the local engine's ceiling for every output's true peak in dBTP (BS.1770-4, 4× oversampled);
 * -1 as EBU R128 and the streaming platforms ask, -2 is common for lossy delivery
 */
@ConfigurationPropertiesSource
public record RunProperties(Path manifest, String output, @DefaultValue("local") String engine,
		@DefaultValue("0") int concurrency, @DefaultValue("false") boolean force,
		Path stateDir, @DefaultValue("mp4") String format,
		@DefaultValue("2") int itemRetries, @DefaultValue("30m") Duration ffmpegTimeout,
		@DefaultValue("false") boolean dryRun,
		Path musicLibrary, @DefaultValue("false") Explain explain, @DefaultValue("0") int maxHeight,
		@DefaultValue("-1.0") double truePeak, @DefaultValue("false") boolean distributed,
		@DefaultValue("5m") Duration lease) {

	/** The engines {@code engine} may name (besides those an added {@code spring.main.sources} brings). */
	public static final List<String> ENGINES = List.of("local", "nemo");

	/** The values {@code format} takes. */
	public static final List<String> FORMATS = List.of("mp4", "same");

	/**
	 * The rules a value must pass, checked when the settings are bound (before anything
	 * starts), so a wrong one is a one-line refusal naming the setting and what to give.
	 */
	public RunProperties {
		// the engine is checked where the engines are known: an added source may bring another (the bench's)
		engine = engine.strip().toLowerCase(Locale.ROOT);
		format = Settings.oneOf("format", format, FORMATS);
		Settings.atLeast("concurrency", concurrency, 0, "concurrency=4; 0 takes one per core");
		Settings.atLeast("item-retries", itemRetries, 0, "item-retries=2");
		Settings.atLeast("max-height", maxHeight, 0, "max-height=1080; 0 keeps every size");
		Settings.positive("ffmpeg-timeout", ffmpegTimeout, "ffmpeg-timeout=30m");
		if (!(truePeak >= -9 && truePeak <= 0)) {
			throw new UsageException("true-peak must be a ceiling in dBTP between -9 and 0 (e.g. true-peak=-1 for"
					+ " EBU R128, -2 for lossy delivery), not '"
					+ BigDecimal.valueOf(truePeak).stripTrailingZeros().toPlainString() + "'");
		}
	}

	/** What {@code explain} asks for. */
	public enum Explain {

		FALSE, TRUE, JSON

	}

	public boolean keepContainer() {
		return "same".equalsIgnoreCase(this.format);
	}

	/**
	 * The local folder outputs are made and delivered in: the output folder, or for an
	 * {@code s3://} output a staging folder in the state folder (one per destination).
	 */
	public Path outputFolder() {
		return outputFolder(this.manifest, this.output, this.stateDir);
	}

	/**
	 * The local output folder of a run given these settings, absolute: the folder given,
	 * else {@code output} beside the manifest; for an {@code s3://} output the staging
	 * folder {@code outbox/<destination>} in the state folder.
	 */
	public static Path outputFolder(Path manifest, String output, Path stateDir) {
		Optional<S3Location> bucket = outputBucket(output);
		if (bucket.isPresent()) {
			return StateFolder.of(stateDir).root().resolve("outbox").resolve(StateFolder.slug(bucket.get().toString()));
		}
		if (output != null && !output.isBlank()) {
			return Path.of(output).toAbsolutePath().normalize();
		}
		return manifest.toAbsolutePath().normalize().resolveSibling("output");
	}

	/**
	 * The bucket and prefix of an {@code output=s3://bucket/prefix/}, else empty. It is the
	 * place the job's identity and the run lock know (the same on every machine, whatever
	 * its state folder); the staging folder is only where outputs wait for their upload.
	 */
	public Optional<S3Location> outputBucket() {
		return outputBucket(this.output);
	}

	/** The bucket prefix an {@code output} setting names, else empty. */
	public static Optional<S3Location> outputBucket(String output) {
		return S3Location.isS3(output) ? Optional.of(S3Location.parse(output).asPrefix()) : Optional.empty();
	}

	public int lanes() {
		return this.concurrency > 0 ? this.concurrency : Runtime.getRuntime().availableProcessors();
	}

}
