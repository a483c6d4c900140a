package bgmbatch;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import bgmbatch.job.JobLock;
import bgmbatch.ledger.AdvisoryLocks;
import bgmbatch.ledger.LedgerDialect;
import bgmbatch.settings.RunProperties;
import bgmbatch.state.AlreadyRunningException;
import bgmbatch.state.RunLocks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * A shared job database, named by {@code spring.datasource.*} (PostgreSQL): the job
 * repository and the ledger of every job, used by a distributed run's manager and its
 * workers (and by a one-machine run that is given one). The ledger's tables are created
 * on first use; Spring Batch's by {@code spring.batch.jdbc.initialize-schema}. Runs of a
 * job take PostgreSQL advisory locks instead of the file locks of the embedded default.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseUrl.Given.class)
class SharedDatabaseConfiguration {

	/**
	 * A manager's connections: the lock connection it keeps, the prepare step's chunk and
	 * the ledger writes beside it, the repository polls while it waits, and one spare.
	 */
	private static final int MANAGER_CONNECTIONS = 5;

	/**
	 * Sized from the work this process does, not Hikari's 10 for all: many worker processes
	 * share one PostgreSQL ({@code max_connections}, 100 by default). An explicit
	 * {@code spring.datasource.hikari.*} setting wins (bound after the size is set).
	 * <p>
	 * Connections are taken from the pool at a transaction's first statement, not when it
	 * begins ({@link LazyConnectionDataSourceProxy}): a worker's chunk transaction begins
	 * before it reads, and its lane may then wait minutes (for items other workers hold,
	 * in a long render, or for good after handing its slot back) without a statement.
	 * Taken at the start, each such lane pinned a pooled connection, "idle in transaction"
	 * on PostgreSQL, that the other lanes of the process could not have.
	 */
	@Bean
	LazyPool dataSource(DataSourceProperties properties, RunProperties settings,
			@Value("${bgm.worker:false}") boolean worker, Environment environment) {
		HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		boolean manager = settings.distributed() && !worker;
		// each worker holds a chunk transaction and a ledger transaction at once, plus headroom (a run's lock connection)
		pool.setMaximumPoolSize(manager ? MANAGER_CONNECTIONS
				: EmbeddedDatabaseConfiguration.CONNECTIONS_PER_WORKER * settings.lanes() + 4);
		pool.setPoolName("bgm-ledger");
		Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
		return new LazyPool(pool);
	}

	/** The pool behind the lazy connections; closing the context closes the pool. */
	static final class LazyPool extends LazyConnectionDataSourceProxy implements AutoCloseable {

		private final HikariDataSource pool;

		LazyPool(HikariDataSource pool) {
			super(pool);
			this.pool = pool;
			// the pool's and PostgreSQL's defaults, so that no connection is taken just to learn them
			setDefaultAutoCommit(true);
			setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		}

		@Override
		public void close() {
			this.pool.close();
		}

	}

	@Bean
	LedgerDialect ledgerDialect(DataSource dataSource) {
		LedgerDialect dialect = LedgerDialect.of(dataSource);
		dialect.createSchema(dataSource);
		return dialect;
	}

	/** The job's and the output folder's advisory locks, held on their own connection until the context closes. */
	@Bean(destroyMethod = "close")
	AdvisoryLocks advisoryLocks(DataSource dataSource, LedgerDialect dialect) throws SQLException {
		if (dialect != LedgerDialect.POSTGRESQL) {
			throw new IllegalStateException("a shared job database must be PostgreSQL");
		}
		return AdvisoryLocks.open(dataSource);
	}

	@Bean
	JobLock jobLock(AdvisoryLocks locks) {
		return (jobKey, outputFolder) -> {
			try {
				if (!locks.tryHold("output", RunLocks.outputKey(outputFolder))) {
					throw new AlreadyRunningException("another run writing into " + outputFolder
							+ " is in progress (on some machine using the same job database); this one exits without "
							+ "doing anything. Run it again once that one has finished.");
				}
				if (!locks.tryHold("job", jobKey)) {
					throw new AlreadyRunningException("another run of this job is in progress (on some machine using "
							+ "the same job database); this one exits without doing anything.");
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot take the job's lock in the job database: " + ex.getMessage(), ex);
			}
		};
	}

}
