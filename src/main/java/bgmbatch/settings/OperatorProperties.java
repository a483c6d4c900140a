package bgmbatch.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run talks to its operator: progress on the console, the report, metrics. A group of
 * {@link BgmProperties} (given as {@code quiet=true}, {@code bgm.quiet}, {@code BGM_QUIET}).
 *
 * @param progress {@code auto} (a live bar on a terminal, plain lines otherwise), {@code bar} or {@code plain}
 * @param quiet print only the end-of-run summary
 * @param heartbeat how long plain progress stays silent before it says the job is still working
 * @param reportWaveforms how many delivered items get a waveform picture in report.html
 * @param metricsFile at the end of a run, write its metrics in Prometheus' text format to this file (for
 * node_exporter's textfile collector: a name ending in {@code .prom})
 * @param metricsPush at the end of a run, push its metrics to this Prometheus Pushgateway ({@code http://host:9091})
 * @param reportUrl the address at which the output folder is served (a web server's), for the
 * summary and the notifier to give the report's address instead of its path; none by default
 */
@ConfigurationPropertiesSource
public record OperatorProperties(@DefaultValue("auto") String progress, @DefaultValue("false") boolean quiet,
		@DefaultValue("1m") Duration heartbeat, @DefaultValue("100") int reportWaveforms, Path metricsFile,
		URI metricsPush, String reportUrl) {

	/** The values {@code progress} takes. */
	public static final List<String> MODES = List.of("auto", "bar", "plain");

	public OperatorProperties {
		progress = Settings.oneOf("progress", progress, MODES);
		Settings.positive("heartbeat", heartbeat, "heartbeat=1m");
		Settings.atLeast("report-waveforms", reportWaveforms, 0, "report-waveforms=100");
	}

	/** Where a person opens a report file of the output folder: under {@code report-url} when given, else its path. */
	public String reportAddress(String file, String path) {
		if (path == null || this.reportUrl == null || this.reportUrl.isBlank()) {
			return path;
		}
		return (this.reportUrl.endsWith("/") ? this.reportUrl : this.reportUrl + "/") + file;
	}

}
