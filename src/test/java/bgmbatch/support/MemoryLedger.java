package bgmbatch.support;

import java.util.UUID;

import bgmbatch.ledger.Ledger;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** A ledger in a fresh in-memory HSQLDB database, for tests of what reads it. */
public final class MemoryLedger {

	private MemoryLedger() {
	}

	public static Ledger create() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:hsqldb:mem:ledger-" + UUID.randomUUID(),
				"SA", "");
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("ledger-schema.sql")),
				dataSource);
		return new Ledger(JdbcClient.create(dataSource), new JdbcTransactionManager(dataSource));
	}

}
