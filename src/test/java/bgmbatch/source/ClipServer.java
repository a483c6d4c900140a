package bgmbatch.source;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

/**
 * An HTTPS server on loopback serving files the way a CDN does: ETags, ranges, 404s,
 * redirects, and on request a connection cut halfway through a body. Its certificate is
 * made for the test; {@link #trust()} makes a client trust it (and nothing else changes
 * in that client). Every request is recorded.
 */
public final class ClipServer implements AutoCloseable {

	private static final HeldCertificate CERTIFICATE = new HeldCertificate.Builder()
		.addSubjectAlternativeName("localhost")
		.addSubjectAlternativeName("127.0.0.1")
		.build();

	private final MockWebServer server = new MockWebServer();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final Map<String, String> redirects = new ConcurrentHashMap<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	/** The next N answers for a file break off halfway through its body. */
	public final AtomicInteger cutNext = new AtomicInteger();

	public ClipServer() throws IOException {
		HandshakeCertificates certificates = new HandshakeCertificates.Builder().heldCertificate(CERTIFICATE).build();
		this.server.useHttps(certificates.sslSocketFactory());
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				ClipServer.this.requests.add(request);
				return answer(request);
			}
		});
		this.server.start(InetAddress.getByName("127.0.0.1"), 0);
	}

	/** A client change that trusts this server's certificate. */
	public static HttpClientCustomizer trust() {
		HandshakeCertificates client = new HandshakeCertificates.Builder()
			.addTrustedCertificate(CERTIFICATE.certificate())
			.build();
		return (builder) -> builder.sslSocketFactory(client.sslSocketFactory(), client.trustManager());
	}

	/** An OkHttp client trusting this server, for fakes that fetch from it. */
	public static OkHttpClient trustingClient() {
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		trust().customize(builder);
		return builder.build();
	}

	public ClipServer serve(String path, Path file) throws IOException {
		this.files.put(path, Files.readAllBytes(file));
		return this;
	}

	public ClipServer serve(String path, byte[] bytes) {
		this.files.put(path, bytes);
		return this;
	}

	/** Answers {@code from} with a 302 to {@code location}. */
	public ClipServer redirect(String from, String location) {
		this.redirects.put(from, location);
		return this;
	}

	/** The https address of a path, as {@code https://127.0.0.1:port/path}. */
	public String url(String path) {
		return "https://127.0.0.1:" + this.server.getPort() + path;
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	public List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((r) -> r.getUrl().encodedPath().equals(path)).toList();
	}

	private MockResponse answer(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		String redirect = this.redirects.get(path);
		if (redirect != null) {
			return new MockResponse.Builder().code(302).setHeader("Location", redirect).build();
		}
		byte[] bytes = this.files.get(path);
		if (bytes == null) {
			return new MockResponse.Builder().code(404).body("not found").build();
		}
		String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
		long from = 0;
		String range = request.getHeaders().get("Range");
		String ifRange = request.getHeaders().get("If-Range");
		if (range != null && range.startsWith("bytes=") && range.endsWith("-") && (ifRange == null || ifRange.equals(etag))) {
			from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
			if (from >= bytes.length) {
				return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + bytes.length).build();
			}
		}
		MockResponse.Builder response = new MockResponse.Builder().code(from > 0 ? 206 : 200)
			.setHeader("Content-Type", "video/mp4")
			.setHeader("Accept-Ranges", "bytes")
			.setHeader("ETag", etag);
		if (from > 0) {
			response.setHeader("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
		}
		if (this.cutNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			response.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
		}
		return response.body(new Buffer().write(bytes, (int) from, bytes.length - (int) from)).build();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
