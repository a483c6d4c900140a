package bgmbatch.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One record binds {@code bgm}; its groups ({@code @Name("")}) keep the flat names users
 * have in their crontabs, environments and settings files.
 */
class BgmPropertiesTest {

	@TempDir
	Path dir;

	@Test
	void everyGroupBindsAtTheFlatNamesOnTheCommandLine() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--bgm.manifest=videos.csv", "--bgm.concurrency=3",
					"--bgm.quiet=true", "--bgm.report-url=https://example.org/out/", "--bgm.allow-private-urls=true",
					"--bgm.remote.cache-size=50GB"));
		BgmProperties settings = BgmProperties.bind(Binder.get(environment));
		assertThat(settings.run().manifest()).isEqualTo(Path.of("videos.csv"));
		assertThat(settings.run().concurrency()).isEqualTo(3);
		assertThat(settings.operator().quiet()).isTrue();
		assertThat(settings.operator().reportUrl()).isEqualTo("https://example.org/out/");
		assertThat(settings.remoteInputs().allowPrivateUrls()).isTrue();
		assertThat(settings.remoteInputs().remote().cacheSize()).isEqualTo(DataSize.ofGigabytes(50));
	}

	@Test
	void everyGroupBindsFromBgmEnvironmentVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("BGM_STATE_DIR", "/srv/state", "BGM_QUIET", "true", "BGM_METRICS_FILE",
									"/var/lib/node/bgm.prom", "BGM_ALLOW_HTTP_URLS", "true", "BGM_REMOTE_MAXSIZE",
									"1GB")));
		BgmProperties settings = BgmProperties.bind(Binder.get(environment));
		assertThat(settings.run().stateDir()).isEqualTo(Path.of("/srv/state"));
		assertThat(settings.operator().quiet()).isTrue();
		assertThat(settings.operator().metricsFile()).isEqualTo(Path.of("/var/lib/node/bgm.prom"));
		assertThat(settings.remoteInputs().allowHttpUrls()).isTrue();
		assertThat(settings.remoteInputs().remote().maxSize()).isEqualTo(DataSize.ofGigabytes(1));
	}

	@Test
	void everyGroupBindsFromASettingsFile() throws IOException {
		Path file = this.dir.resolve("bgm-batch.properties");
		Files.writeString(file, """
				bgm.engine=nemo
				bgm.heartbeat=5m
				bgm.report-waveforms=7
				bgm.allow-private-urls=true
				bgm.remote.read-timeout=10s
				""", StandardCharsets.UTF_8);
		StandardEnvironment environment = new StandardEnvironment();
		new PropertiesPropertySourceLoader().load("file", new FileSystemResource(file))
			.forEach(environment.getPropertySources()::addFirst);
		BgmProperties settings = BgmProperties.bind(Binder.get(environment));
		assertThat(settings.run().engine()).isEqualTo("nemo");
		assertThat(settings.operator().heartbeat()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.operator().reportWaveforms()).isEqualTo(7);
		assertThat(settings.remoteInputs().allowPrivateUrls()).isTrue();
		assertThat(settings.remoteInputs().remote().readTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void nothingGivenIsEveryDefault() {
		BgmProperties settings = BgmProperties.of(Map.of());
		assertThat(settings.run().engine()).isEqualTo("local");
		assertThat(settings.run().format()).isEqualTo("mp4");
		assertThat(settings.run().itemRetries()).isEqualTo(2);
		assertThat(settings.run().ffmpegTimeout()).isEqualTo(Duration.ofMinutes(30));
		assertThat(settings.run().lease()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.run().truePeak()).isEqualTo(-1.0);
		assertThat(settings.run().manifest()).isNull();
		assertThat(settings.operator().progress()).isEqualTo("auto");
		assertThat(settings.operator().quiet()).isFalse();
		assertThat(settings.operator().heartbeat()).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.operator().reportWaveforms()).isEqualTo(100);
		assertThat(settings.operator().reportUrl()).isNull();
		assertThat(settings.remoteInputs().allowPrivateUrls()).isFalse();
		assertThat(settings.remoteInputs().allowHttpUrls()).isFalse();
		assertThat(settings.remoteInputs().remote().maxSize()).isEqualTo(DataSize.ofGigabytes(4));
		assertThat(settings.remoteInputs().remote().cacheSize()).isEqualTo(DataSize.ofGigabytes(20));
		assertThat(settings.remoteInputs().remote().maxRetries()).isEqualTo(4);
		assertThat(settings.remoteInputs().remote().backoffMax()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aGroupsNameIsNotASetting() {
		BgmProperties settings = BgmProperties.of(Map.of("operator.quiet", "true", "run.concurrency", "9",
				"remote-inputs.allow-private-urls", "true"));
		assertThat(settings).isEqualTo(BgmProperties.of(Map.of()));
	}

	@Test
	void aGroupsCheckRefusesAWrongValueInOneLineNamingTheSetting() {
		BindException operator = catchThrowableOfType(BindException.class,
				() -> BgmProperties.of(Map.of("heartbeat", "0s")));
		assertThat(usage(operator)).isEqualTo("heartbeat=0s must be a positive duration; e.g. heartbeat=1m");
		BindException run = catchThrowableOfType(BindException.class,
				() -> BgmProperties.of(Map.of("concurrency", "-2")));
		assertThat(usage(run)).isEqualTo("concurrency=-2 is below 0; e.g. concurrency=4; 0 takes one per core");
	}

	@Test
	void theReportAddressIsUnderTheReportUrlWhenOneIsGiven() {
		assertThat(BgmProperties.of(Map.of("report-url", "https://example.org/out")).operator()
			.reportAddress("report.html", "/srv/out/report.html")).isEqualTo("https://example.org/out/report.html");
		assertThat(BgmProperties.of(Map.of()).operator().reportAddress("report.html", "/srv/out/report.html"))
			.isEqualTo("/srv/out/report.html");
	}

	private static String usage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UsageException usage) {
				return usage.getMessage();
			}
		}
		throw new AssertionError("no UsageException in " + failure);
	}

}
