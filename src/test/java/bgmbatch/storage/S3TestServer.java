package bgmbatch.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * A local S3-compatible server for the tests: s3rver (npm), installed into
 * {@code test-servers/} by {@code npm ci --prefix test-servers} ({@code .ci/run} does it).
 * Without it a test fails in CI (environment {@code CI} set), and is skipped with that
 * instruction elsewhere, so a developer without node can still run the rest.
 * <p>
 * s3rver checks request signatures against its one account: {@link #ACCESS_KEY} with
 * the same secret.
 */
public final class S3TestServer implements AutoCloseable {

	public static final String ACCESS_KEY = "S3RVER";

	private static final Path SCRIPT = Path.of("test-servers/node_modules/s3rver/bin/s3rver.js");

	private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

	private final Process process;

	private final int port;

	private S3TestServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts a server keeping its data in {@code folder}, with the buckets made. */
	public static S3TestServer start(Path folder, String... buckets) throws IOException, InterruptedException {
		Path script = SCRIPT.toAbsolutePath();
		if (!Files.isRegularFile(script)) {
			String missing = "the S3 test server is not installed (" + script + "); run: npm ci --prefix test-servers";
			if (System.getenv("CI") != null) {
				throw new AssertionError(missing);
			}
			Assumptions.abort(missing);
		}
		java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node", script.toString(), "-d",
				folder.toString(), "-a", "127.0.0.1", "-p", "0"));
		for (String bucket : buckets) {
			command.add("--configure-bucket");
			command.add(bucket);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					Matcher matcher = LISTENING.matcher(line);
					if (matcher.find()) {
						port.complete(Integer.parseInt(matcher.group(1)));
					}
				}
			}
			catch (IOException ex) {
				// the server was stopped
			}
			port.completeExceptionally(new IllegalStateException("s3rver ended without listening"));
		}, "s3rver-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return new S3TestServer(process, port.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS));
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			process.destroyForcibly();
			throw new IllegalStateException("s3rver did not start", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Settings for this server. */
	public S3Properties properties() {
		return new S3Properties(endpoint(), "us-east-1", true, null, null, null, null);
	}

	/** A store on this server, for the tests' own checks (credentials from the system properties). */
	public ObjectStore store() {
		return bgmbatch.storage.aws.AwsObjectStore.create(properties());
	}

	/** Lets the SDK in this JVM sign as s3rver's account. */
	public static void useCredentials() {
		System.setProperty("aws.accessKeyId", ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", ACCESS_KEY);
	}

	public static void forgetCredentials() {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new IOException(ex));
		}
	}

}
