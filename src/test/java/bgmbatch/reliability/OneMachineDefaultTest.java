package bgmbatch.reliability;

import bgmbatch.support.Clips;
import bgmbatch.support.ChildJvm;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-machine default is untouched by the distributed roles: with no database or broker
 * settings (a RabbitMQ address alone, as a shared config file might give every machine,
 * changes nothing) a run uses the embedded database in its state folder, and nothing opens
 * a connection to PostgreSQL or RabbitMQ — not even the classes that would are loaded.
 */
class OneMachineDefaultTest {


	@TempDir
	Path dir;

	@Test
	void aRunWithoutDatabaseSettingsConnectsToNothingAndKeepsItsEmbeddedDatabase() throws Exception {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), 1, true);
		Path manifest = Clips.manifest(this.dir, clip, 2, "add calm music");
		Path classes = this.dir.resolve("classes.log");
		try (ServerSocket broker = new ServerSocket(0)) {
			ChildJvm run = ChildJvm.start(List.of("-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + classes),
					Map.of(), this.dir, List.of("manifest=" + manifest, "state-dir=" + this.dir.resolve("state"),
							"--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + broker.getLocalPort()));
			assertThat(run.awaitExit(Duration.ofMinutes(3))).as("run: %s%n%s", run.stdout(), run.stderr()).isZero();

			broker.setSoTimeout(1);
			assertThat(acceptedSomething(broker)).as("a connection to the broker's address").isFalse();
		}
		String loaded = Files.readString(classes);
		assertThat(loaded).as("classes loaded")
			.contains("org.hsqldb.jdbc.JDBCConnection")
			.doesNotContain("org.postgresql.core.")
			.doesNotContain("com.rabbitmq.client.impl.AMQConnection")
			.doesNotContain("bgmbatch.cluster.");
		assertThat(Files.isDirectory(this.dir.resolve("state").resolve("db"))).as("the embedded database").isTrue();
	}

	private static boolean acceptedSomething(ServerSocket socket) throws Exception {
		try (Socket accepted = socket.accept()) {
			return accepted != null;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

}
