package bgmbatch;

import java.io.IOException;
import java.io.PrintStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaProbe;
import bgmbatch.state.RunLocks;
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

	/** Each worker holds a chunk transaction and a ledger transaction at once; the rest is headroom. */
	private static final int CONNECTIONS_PER_WORKER = 2;

	@Bean
	StateFolder stateFolder(BgmProperties properties) {
		StateFolder state = StateFolder.of(properties.stateDir());
		state.ensureWritable();
		return state;
	}

	/**
	 * The run locks (the output folder's and the manifest database's), taken before the
	 * database is opened: a second run must stop here, not at the database's own lock (a
	 * confusing error, exit 1) or, worse, by opening files another live process is writing.
	 * Released when the context closes, after the database (which depends on them) has
	 * shut down.
	 */
	@Bean(destroyMethod = "close")
	RunLocks runLocks(StateFolder state, BgmProperties properties) throws IOException {
		if (properties.manifest() == null) {
			throw new bgmbatch.cli.UsageException("no manifest given: run with manifest=FILE (see --help)");
		}
		return RunLocks.acquire(state, properties.manifest(), properties.outputFolder(),
				properties.outputBucket().map(Object::toString).orElse(null));
	}

	@Bean
	DataSource dataSource(StateFolder state, BgmProperties properties, RunLocks runLocks) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(state.databaseUrl(properties.manifest()));
		dataSource.setUsername("SA");
		dataSource.setPassword("");
		dataSource.setMaximumPoolSize(CONNECTIONS_PER_WORKER * properties.lanes() + 4);
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
