package bgmbatch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaProbe;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.RunLock;
import bgmbatch.state.StateFolder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The shared pieces: state folder, job database, console and media tools. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BgmProperties.class)
class AppConfiguration {

	/** Each lane holds a chunk transaction and a ledger transaction at once; the rest is headroom. */
	private static final int CONNECTIONS_PER_LANE = 2;

	@Bean
	StateFolder stateFolder(BgmProperties properties) {
		StateFolder state = new StateFolder(properties.stateDir());
		state.ensureWritable();
		return state;
	}

	/**
	 * The run lock of the manifest, taken before its database is opened: a second run must
	 * stop here, not at the database's own lock (a confusing error, exit 1) or, worse, by
	 * opening files another live process is writing. Released when the context closes,
	 * after the database (which depends on it) has shut down.
	 */
	@Bean(destroyMethod = "close")
	RunLock runLock(StateFolder state, BgmProperties properties) throws IOException {
		if (properties.manifest() == null) {
			throw new bgmbatch.cli.UsageException("no manifest given: run with manifest=FILE (see --help)");
		}
		Path lockFile = state.lockFile(properties.manifest().toAbsolutePath().normalize());
		return RunLock.tryAcquire(lockFile)
			.orElseThrow(() -> new AlreadyRunningException("another run of " + properties.manifest().toAbsolutePath()
					+ " is in progress (process " + RunLock.holder(lockFile)
					+ "); this one exits without doing anything. Run it again once that one has finished."));
	}

	@Bean
	DataSource dataSource(StateFolder state, BgmProperties properties, RunLock runLock) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(state.databaseUrl(properties.manifest()));
		dataSource.setUsername("SA");
		dataSource.setPassword("");
		dataSource.setMaximumPoolSize(CONNECTIONS_PER_LANE * properties.lanes() + 4);
		dataSource.setPoolName("bgm-ledger");
		ResourceDatabasePopulator ledgerSchema = new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql"));
		DatabasePopulatorUtils.execute(ledgerSchema, dataSource);
		return dataSource;
	}

	@Bean
	PrintStream console() {
		return System.out;
	}

	@Bean
	CommandRunner commandRunner() {
		return new CommandRunner();
	}

	@Bean
	MediaProbe mediaProbe(CommandRunner runner) {
		return new MediaProbe(runner);
	}

}
