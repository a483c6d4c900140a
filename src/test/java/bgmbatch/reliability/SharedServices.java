package bgmbatch.reliability;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.ConnectionFactory;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The PostgreSQL and RabbitMQ that the tests of several machines run against: the ones
 * {@code .ci/run} starts on loopback, or others named by {@code BGM_TEST_POSTGRES_URL}
 * (a JDBC URL of a database the user may create databases from), {@code BGM_TEST_POSTGRES_USER},
 * {@code BGM_TEST_POSTGRES_PASSWORD}, {@code BGM_TEST_RABBITMQ_HOST} and
 * {@code BGM_TEST_RABBITMQ_PORT} (guest/guest, which RabbitMQ allows on loopback only).
 * When they cannot be reached the tests are skipped with a message saying so, except on
 * CI (the variable {@code CI} set), where that is a failure: those tests must run there.
 */
record SharedServices(String postgresUrl, String user, String password, String rabbitHost, int rabbitPort) {

	static SharedServices require() {
		SharedServices services = new SharedServices(
				env("BGM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
				env("BGM_TEST_POSTGRES_USER", "postgres"), env("BGM_TEST_POSTGRES_PASSWORD", "postgres"),
				env("BGM_TEST_RABBITMQ_HOST", "127.0.0.1"), Integer.parseInt(env("BGM_TEST_RABBITMQ_PORT", "5672")));
		String problem = services.problem();
		if (problem != null) {
			String message = problem + " (the tests of several machines need PostgreSQL and RabbitMQ: .ci/run starts "
					+ "them, or set BGM_TEST_POSTGRES_URL/_USER/_PASSWORD and BGM_TEST_RABBITMQ_HOST/_PORT)";
			if (System.getenv("CI") != null) {
				fail("CI is set, so this must run: " + message);
			}
			Assumptions.abort(message);
		}
		return services;
	}

	private String problem() {
		try (Connection connection = DriverManager.getConnection(this.postgresUrl, this.user, this.password)) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			return "cannot reach PostgreSQL at " + this.postgresUrl + ": " + ex.getMessage();
		}
		try (com.rabbitmq.client.Connection connection = rabbit().newConnection()) {
			connection.isOpen();
		}
		catch (IOException | TimeoutException ex) {
			return "cannot reach RabbitMQ at " + this.rabbitHost + ":" + this.rabbitPort + ": " + ex;
		}
		return null;
	}

	/**
	 * A new empty database for one test: the job repository and ledger of its runs, nobody
	 * else's, and so its own queues of partition requests on the shared broker.
	 */
	String newDatabase() throws SQLException {
		String name = "bgm_test_" + Long.toString(System.nanoTime(), 36);
		try (Connection connection = DriverManager.getConnection(this.postgresUrl, this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return this.postgresUrl.substring(0, this.postgresUrl.lastIndexOf('/') + 1) + name;
	}

	/** The settings that point a manager or a worker at these services and the database. */
	List<String> settings(String databaseUrl) {
		return List.of("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + this.user,
				"--spring.datasource.password=" + this.password, "--spring.rabbitmq.host=" + this.rabbitHost,
				"--spring.rabbitmq.port=" + this.rabbitPort);
	}

	private ConnectionFactory rabbit() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.rabbitHost);
		factory.setPort(this.rabbitPort);
		factory.setConnectionTimeout(5000);
		return factory;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
