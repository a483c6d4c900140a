package bgmbatch.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import bgmbatch.state.AtomicFiles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Publishes a run's {@link RunMetrics}: into a file (written whole and renamed into place,
 * so the textfile collector never reads half of one) and/or to a Pushgateway. Neither
 * ever changes how the run ends: a failure is a warning on the console and in the log.
 */
public final class MetricsExport {

	/** The Pushgateway's job label: the grouping key adds the manifest, so manifests do not overwrite each other. */
	static final String JOB = "bgm_batch";

	/** A Pushgateway that does not answer within this holds the end of a night's run no longer. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(MetricsExport.class);

	private final Path file;

	private final URI push;

	private final Warnings warnings;

	/**
	 * @param file where to write the metrics, or null
	 * @param push the Pushgateway's address ({@code http://host:9091}), or null
	 * @param warnings where a failed write or push is told
	 */
	public MetricsExport(Path file, URI push, Warnings warnings) {
		this.file = file;
		this.push = push;
		this.warnings = warnings;
	}

	public boolean enabled() {
		return this.file != null || this.push != null;
	}

	public void publish(RunMetrics run) {
		if (!enabled()) {
			return;
		}
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		try {
			register(registry, run);
			if (this.file != null) {
				write(registry.scrape());
			}
			if (this.push != null) {
				push(registry, run);
			}
		}
		finally {
			registry.close();
		}
	}

	private static void register(MeterRegistry registry, RunMetrics run) {
		Tags tags = Tags.of("manifest", run.manifest(), "engine", run.engine());
		gauge(registry, "bgm.items", "Items of the job by state when the run ended", run.delivered(), null,
				tags.and("state", "delivered"));
		gauge(registry, "bgm.items", "Items of the job by state when the run ended", run.skipped(), null,
				tags.and("state", "skipped"));
		gauge(registry, "bgm.items", "Items of the job by state when the run ended", run.failed(), null,
				tags.and("state", "failed"));
		gauge(registry, "bgm.job.duration", "How long the run took", run.jobSeconds(), "seconds", tags);
		gauge(registry, "bgm.media.duration", "Seconds of video delivered", run.mediaSeconds(), "seconds", tags);
		gauge(registry, "bgm.credits.spent", "Credits spent on the job's items", run.credits(), null, tags);
		gauge(registry, "bgm.exit.code", "The run's exit code (0 all delivered, 3 some skipped, 1 failed, 4 halted)",
				run.exitCode(), null, tags);
		if (run.lastSuccess() != null) {
			gauge(registry, "bgm.last.success.timestamp", "When a run of the job last finished (exit 0 or 3)",
					run.lastSuccess().toEpochMilli() / 1000.0, "seconds", tags);
		}
	}

	private static void gauge(MeterRegistry registry, String name, String help, double value, String unit, Tags tags) {
		Gauge.builder(name, () -> value).description(help).baseUnit(unit).tags(tags).strongReference(true).register(registry);
	}

	private void write(String text) {
		try {
			// the textfile collector reads only *.prom, and the temporary name ends in .tmp
			AtomicFiles.replace(this.file, text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			warn("cannot write the metrics to " + this.file + " (" + ex.getMessage() + ")", ex);
		}
	}

	private void push(PrometheusMeterRegistry registry, RunMetrics run) {
		try {
			String scheme = this.push.getScheme() == null ? "http" : this.push.getScheme().toLowerCase(Locale.ROOT);
			int port = this.push.getPort() > 0 ? this.push.getPort() : "https".equals(scheme) ? 443 : 80;
			PushGateway.Builder gateway = PushGateway.builder()
				.address(this.push.getHost() + ":" + port)
				.scheme("https".equals(scheme) ? Scheme.HTTPS : Scheme.HTTP)
				// text, not the client's default protobuf: every Pushgateway and proxy in between reads it
				.format(Format.PROMETHEUS_TEXT)
				.connectionTimeout(TIMEOUT)
				.readTimeout(TIMEOUT)
				.job(JOB)
				.groupingKey("manifest", run.manifest())
				.registry(registry.getPrometheusRegistry());
			String user = this.push.getUserInfo();
			if (user != null) {
				int colon = user.indexOf(':');
				gateway.basicAuth(colon < 0 ? user : user.substring(0, colon), colon < 0 ? "" : user.substring(colon + 1));
			}
			gateway.build().push();
		}
		catch (IOException | RuntimeException ex) {
			// the address without any user:password in it: secrets never reach the console or the log
			warn("cannot push the metrics to " + this.push.getScheme() + "://" + this.push.getHost()
					+ (this.push.getPort() > 0 ? ":" + this.push.getPort() : "") + " (" + ex.getMessage() + ")", ex);
		}
	}

	private void warn(String message, Exception ex) {
		logger.warn(message, ex);
		this.warnings.warn("warning: " + message + "; the run's outcome is unchanged.");
	}

	/** Where a failed export is told to the operator. */
	@FunctionalInterface
	public interface Warnings {

		void warn(String line);

	}

}
