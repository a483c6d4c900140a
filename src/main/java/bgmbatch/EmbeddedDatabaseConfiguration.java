package bgmbatch;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import bgmbatch.job.JobLock;
import bgmbatch.ledger.LedgerDialect;
import bgmbatch.settings.RunProperties;
import bgmbatch.state.RunLocks;
import bgmbatch.state.StateFolder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The one-machine default: each manifest's job database is an HSQLDB file database in
 * the state folder, opened by one process at a time under operating-system file locks.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseUrl.Absent.class)
class EmbeddedDatabaseConfiguration {

	/** Each worker holds a chunk transaction and a ledger transaction at once; the rest is headroom. */
	static final int CONNECTIONS_PER_WORKER = 2;

	/**
	 * The run locks (the output folder's and the manifest database's), taken before the
	 * database is opened: a second run must stop here, not at the database's own lock (a
	 * confusing error, exit 1) or, worse, by opening files another live process is writing.
	 * Released when the context closes, after the database (which depends on them) has
	 * shut down.
	 */
	@Bean(destroyMethod = "close")
	RunLocks runLocks(StateFolder state, RunProperties properties, @Value("${bgm.worker:false}") boolean worker)
			throws IOException {
		if (worker || properties.distributed()) {
			throw new bgmbatch.settings.UsageException((worker ? "a worker" : "distributed=true")
					+ " needs the shared job database and the broker: give spring.datasource.url (PostgreSQL), "
					+ "spring.datasource.username/password and spring.rabbitmq.* (see README, Running on several machines)");
		}
		if (properties.manifest() == null) {
			throw new bgmbatch.settings.UsageException("no manifest given: run with manifest=FILE (see --help)");
		}
		return RunLocks.acquire(state, properties.manifest(), properties.outputFolder(),
				properties.outputBucket().map(Object::toString).orElse(null));
	}

	@Bean
	DataSource dataSource(StateFolder state, RunProperties properties, RunLocks runLocks) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(state.databaseUrl(properties.manifest()));
		dataSource.setUsername("SA");
		dataSource.setPassword("");
		dataSource.setMaximumPoolSize(CONNECTIONS_PER_WORKER * properties.lanes() + 4);
		dataSource.setPoolName("bgm-ledger");
		LedgerDialect.HSQLDB.createSchema(dataSource);
		return dataSource;
	}

	@Bean
	LedgerDialect ledgerDialect() {
		return LedgerDialect.HSQLDB;
	}

	@Bean
	JobLock jobLock() {
		return JobLock.FILE_LOCKS_HELD;
	}

}
