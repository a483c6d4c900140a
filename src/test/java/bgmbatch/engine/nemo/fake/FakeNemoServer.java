package bgmbatch.engine.nemo.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.BufferedSink;

/**
 * A stateful stand-in for the NemoVideo API (see shared/nemo-api.md): tokens that expire,
 * sessions that cost credits, uploads checked for their field, type and size, edit streams
 * with realistic event sequences, drafts that gain an audio track after an edit, renders
 * that progress and serve a real MP4 (the uploaded video with an audio track added by
 * ffmpeg), ranged downloads. Fault knobs are public fields and methods; every request is
 * recorded with its arrival time and answer.
 */
public final class FakeNemoServer implements AutoCloseable {

	public static final int SESSION_COST = 10;

	public static final int EDIT_COST = 40;

	public static final long MAX_UPLOAD = 500L * 1024 * 1024;

	/** The code of a URL upload whose address the service could not fetch (not in the public documents). */
	public static final int URL_FETCH_FAILED = 4003;

	private static final Set<String> UPLOAD_TYPES = Set.of("mp4", "mov", "avi", "webm", "mkv", "mp3", "wav", "m4a",
			"aac", "jpg", "png", "gif", "webp");

	/** A realistic edit: heartbeats, a tool call and its result, an agent-shaped event, plain text. */
	public static final List<String> REALISTIC_EDIT = List.of("{\"type\":\"heartbeat\"}", "",
			"{\"type\":\"tool_call\",\"name\":\"add_bgm\",\"args\":{\"mood\":\"upbeat\"}}",
			"{\"type\":\"tool_result\",\"name\":\"add_bgm\",\"result\":{\"ok\":true}}",
			"{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"I added an upbeat track.\"}]}}",
			"{\"type\":\"text\",\"content\":\"Done! Click Export to render your video.\"}");

	private final MockWebServer server = new MockWebServer();

	private final ObjectMapper json = new ObjectMapper();

	private final Path folder;

	private final AtomicInteger seq = new AtomicInteger();

	private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private final Map<String, Render> renders = new ConcurrentHashMap<>();

	private final Map<String, byte[]> outputs = new ConcurrentHashMap<>();

	private final Map<String, byte[]> rendered = new ConcurrentHashMap<>();

	private final AtomicInteger sessionCount = new AtomicInteger();

	// ---- knobs ----

	/** Credits available. */
	public final AtomicInteger balance = new AtomicInteger(1000);

	/** Events of the next edit streams, one {@code data:} payload each. */
	public volatile List<String> sseEvents = REALISTIC_EDIT;

	/** Break the connection after the events instead of closing the stream. */
	public volatile boolean sseDrop;

	/** Whether an edit gives the draft an audio track. */
	public volatile boolean editAddsMusic = true;

	/** Client ids the service does not know (answered with 400 like a missing one). */
	public final Set<String> rejectedClientIds = ConcurrentHashMap.newKeySet();

	/** A token given by the user (NEMO_TOKEN) that the fake accepts. */
	public volatile String userToken;

	/** Answer 429 to the next N matching requests. */
	public final AtomicInteger rateLimited = new AtomicInteger();

	public volatile Predicate<RecordedRequest> rateLimitMatches = (request) -> true;

	/** The Retry-After sent with a 429, or null for none. */
	public volatile String retryAfter = "0";

	/** Answer 503 to the next N requests whose path starts with {@link #serverErrorPath}. */
	public final AtomicInteger serverErrors = new AtomicInteger();

	public volatile String serverErrorPath = "/";

	/** Answer code 1002 to the next N session-bound requests under {@link #sessionLossPath} (the session expired). */
	public final AtomicInteger sessionsLost = new AtomicInteger();

	public volatile String sessionLossPath = "/";

	/** The service cannot fetch addresses given to the URL upload (it answers code {@link #URL_FETCH_FAILED}). */
	public volatile boolean urlFetchFails;

	/** Fetches addresses given to the URL upload (the tests' HTTPS server needs a client that trusts it). */
	public volatile okhttp3.OkHttpClient urlFetcher = new okhttp3.OkHttpClient();

	/** Refuse uploads with this code (4001 or 4002) when not 0. */
	public volatile int uploadRefusal;

	/** Answer 402 to exports. */
	public volatile boolean planDeniesExport;

	/** The next N renders fail. */
	public final AtomicInteger failingRenders = new AtomicInteger();

	/** Polls a render takes to complete. */
	public volatile int pollsToComplete = 2;

	/** Where a completed render's URL is given. */
	public volatile ResultShape resultShape = ResultShape.DATA_OUTPUT_URL;

	/** The next download breaks off halfway (once). */
	public final java.util.concurrent.atomic.AtomicBoolean truncateNextDownload = new java.util.concurrent.atomic.AtomicBoolean();

	/** The next N downloads trickle: 64 bytes every 50 ms, never silent long enough for a read timeout. */
	public final AtomicInteger tricklingDownloads = new AtomicInteger();

	/** Delay before each answer, in milliseconds. */
	public volatile long latencyMillis;

	/** The next N answers are delayed by {@link #latencyMillis} (slow responses, for timeouts). */
	public final AtomicInteger slowAnswers = new AtomicInteger();

	// ---- realistic latencies (for the benchmarks; 0 = answer at once) ----

	/** An upload is answered after its size divided by this rate (bytes per second), like a real link. */
	public volatile long uploadBytesPerSecond;

	/** An edit stream lasts this long, sending a heartbeat every {@link #heartbeatMillis} before its events. */
	public volatile long editMillis;

	public volatile long heartbeatMillis = 1000;

	/** A render completes this long after it was submitted (instead of after {@link #pollsToComplete} polls). */
	public volatile long renderMillis;

	/**
	 * Render times handed out one per submitted render, in submission order, before
	 * {@link #renderMillis} applies: items whose renders take different times.
	 */
	public final java.util.Queue<Long> renderMillisEach = new java.util.concurrent.ConcurrentLinkedQueue<>();

	/** The next N requests get their connection cut instead of an answer (a reset). */
	public final AtomicInteger connectionResets = new AtomicInteger();

	/** Use the {@code success} envelope everywhere instead of {@code code}. */
	public volatile boolean successEnvelope;

	/** Called (on the server thread) when an edit message arrives, before it is answered. */
	public volatile Consumer<RecordedCall> onEdit = (call) -> {
	};

	public enum ResultShape {

		/** {@code data.outputUrl} */
		DATA_OUTPUT_URL,
		/** top-level {@code output.url} */
		TOP_LEVEL_OUTPUT_URL,
		/** no URL: the download endpoint serves the file */
		NONE

	}

	public FakeNemoServer(Path folder) throws IOException {
		this.folder = folder;
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return handle(request);
			}
		});
		this.server.start();
	}

	public String url() {
		return this.server.url("/").toString();
	}

	/**
	 * The one wiring of a job to this fake: {@code --bgm.nemo.*} arguments pointing at it,
	 * with no token of the user's and every wait shrunk to milliseconds (the job tests, the
	 * kill tests and the bench all use it). The engine is not chosen here.
	 * @param overrides settings (by their {@code bgm.nemo} name) that replace or add to these
	 */
	public List<String> jobArguments(Map<String, String> overrides) {
		Map<String, String> settings = new java.util.LinkedHashMap<>();
		settings.put("base-url", url());
		settings.put("token", "");
		settings.put("poll-interval", "5ms");
		settings.put("sse-drop-wait", "5ms");
		settings.put("state-polls", "3");
		settings.put("backoff-initial", "5ms");
		settings.put("backoff-max", "20ms");
		settings.put("default-retry-after", "20ms");
		settings.put("credit-margin", "0");
		settings.put("read-timeout", "10s");
		settings.putAll(overrides);
		List<String> arguments = new ArrayList<>();
		settings.forEach((name, value) -> arguments.add("--bgm.nemo." + name + "=" + value));
		return arguments;
	}

	public List<String> jobArguments() {
		return jobArguments(Map.of());
	}

	public List<RecordedCall> calls() {
		List<RecordedCall> sorted = new ArrayList<>(this.calls);
		sorted.sort(Comparator.comparingInt(RecordedCall::seq));
		return sorted;
	}

	public List<RecordedCall> calls(String method, String pathPrefix) {
		return calls().stream().filter((call) -> call.is(method, pathPrefix)).toList();
	}

	/** Every token issued so far (for tests that look for leaks). */
	public Set<String> issuedTokens() {
		return Set.copyOf(this.tokens.keySet());
	}

	public int tokensIssued() {
		return calls("POST", "/api/auth/anonymous-token").stream().filter((c) -> c.status() == 200).toList().size();
	}

	/** Makes every issued token invalid (1001 from then on). */
	public void expireTokens() {
		this.tokens.replaceAll((token, expiry) -> Instant.EPOCH);
	}

	public int messagesTo(String session) {
		Session s = this.sessions.get(session);
		return s == null ? 0 : s.messages.get();
	}

	public Set<String> sessions() {
		return Set.copyOf(this.sessions.keySet());
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	// ---- dispatch ----

	private MockResponse handle(RecordedRequest request) {
		int number = this.seq.incrementAndGet();
		long arrived = System.nanoTime();
		String path = request.getUrl().encodedPath();
		String method = request.getMethod();
		MockResponse response;
		try {
			response = route(request, method, path, number, arrived);
		}
		catch (RuntimeException | IOException ex) {
			response = reply(500, error(500, "fake failed: " + ex));
		}
		if (this.uploadBytesPerSecond > 0 && path.startsWith("/api/upload-video/")) {
			long transfer = request.getBodySize() * 1000 / this.uploadBytesPerSecond;
			response = response.newBuilder().headersDelay(transfer, TimeUnit.MILLISECONDS).build();
		}
		if (this.latencyMillis > 0 && this.slowAnswers.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			response = response.newBuilder().headersDelay(this.latencyMillis, TimeUnit.MILLISECONDS).build();
		}
		this.calls.add(new RecordedCall(number, arrived, System.nanoTime(), method, path, request.getHeaders(),
				bodyText(request), response.getCode()));
		return response;
	}

	private MockResponse route(RecordedRequest request, String method, String path, int number, long arrived)
			throws IOException {
		if (method.equals("POST") && path.equals("/api/auth/anonymous-token")) {
			return issueToken(request);
		}
		if (this.rateLimitMatches.test(request) && this.rateLimited.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			MockResponse.Builder limited = new MockResponse.Builder().code(429)
				.setHeader("Content-Type", "application/json")
				.body(error(429, "too many requests").toString());
			if (this.retryAfter != null) {
				limited.setHeader("Retry-After", this.retryAfter);
			}
			return limited.build();
		}
		if (this.connectionResets.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
		}
		if (path.startsWith(this.serverErrorPath) && this.serverErrors.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return new MockResponse.Builder().code(503).body("upstream unavailable").build();
		}
		if (path.startsWith("/files/")) {
			// storage host: no token needed
			return serveOutput(request, path.substring("/files/".length()).replace(".mp4", ""));
		}
		if (!authorized(request)) {
			return reply(401, error(1001, "token invalid or expired"));
		}
		if (method.equals("GET") && path.equals("/api/credits/balance/simple")) {
			ObjectNode data = this.json.createObjectNode()
				.put("available", this.balance.get())
				.put("frozen", 0)
				.put("total", this.balance.get());
			return ok(data);
		}
		if (method.equals("POST") && path.equals("/api/tasks/me/with-session/nemo_agent")) {
			return createSession();
		}
		if (method.equals("POST") && path.startsWith("/api/upload-video/nemo_agent/me/")) {
			return upload(request, path.substring("/api/upload-video/nemo_agent/me/".length()));
		}
		if (method.equals("POST") && path.equals("/run_sse")) {
			return edit(request, number, arrived);
		}
		if (method.equals("GET") && path.startsWith("/api/state/nemo_agent/me/") && path.endsWith("/latest")) {
			String session = path.substring("/api/state/nemo_agent/me/".length(), path.length() - "/latest".length());
			return state(session, request);
		}
		if (method.equals("POST") && path.equals("/api/render/proxy/lambda")) {
			return submitRender(request);
		}
		if (method.equals("POST") && path.startsWith("/api/render/proxy/lambda/") && path.endsWith("/cancel")) {
			Render render = this.renders.get(path.split("/")[5]);
			if (render != null) {
				render.cancelled = true;
			}
			return successOk(this.json.createObjectNode().put("status", "cancelled"));
		}
		if (method.equals("GET") && path.startsWith("/api/render/proxy/lambda/")) {
			return pollRender(path.substring("/api/render/proxy/lambda/".length()));
		}
		if (method.equals("GET") && path.startsWith("/api/render/proxy/") && path.endsWith("/download")) {
			return serveOutput(request, path.split("/")[4]);
		}
		return reply(404, error(404, "no route " + method + " " + path));
	}

	private MockResponse issueToken(RecordedRequest request) {
		String clientId = request.getHeaders().get("X-Client-Id");
		if (clientId == null || clientId.isBlank() || this.rejectedClientIds.contains(clientId)) {
			return reply(400, error(400, "missing X-Client-Id"));
		}
		String token = "nmv_usr_" + UUID.randomUUID().toString().replace("-", "");
		Instant expires = Instant.now().plus(7, ChronoUnit.DAYS);
		this.tokens.put(token, expires);
		return ok(this.json.createObjectNode()
			.put("token", token)
			.put("user_id", "anon_" + clientId.substring(0, Math.min(8, clientId.length())))
			.put("expires_at", expires.toString())
			.put("credits", 100));
	}

	private boolean authorized(RecordedRequest request) {
		String header = request.getHeaders().get("Authorization");
		if (header == null || !header.startsWith("Bearer ")) {
			return false;
		}
		String token = header.substring("Bearer ".length());
		if (token.equals(this.userToken)) {
			return true;
		}
		Instant expiry = this.tokens.get(token);
		return expiry != null && Instant.now().isBefore(expiry);
	}

	private MockResponse createSession() {
		if (this.balance.get() < SESSION_COST) {
			return reply(200, error(2001, "insufficient credits"));
		}
		this.balance.addAndGet(-SESSION_COST);
		String id = "sess_" + this.sessionCount.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
		this.sessions.put(id, new Session());
		return ok(this.json.createObjectNode().put("session_id", id).put("task_id", "task_" + id));
	}

	private boolean lost(String session, RecordedRequest request) {
		if (request.getUrl().encodedPath().startsWith(this.sessionLossPath)
				&& this.sessionsLost.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			this.sessions.remove(session);
		}
		return !this.sessions.containsKey(session);
	}

	private MockResponse upload(RecordedRequest request, String sessionId) throws IOException {
		if (lost(sessionId, request)) {
			return reply(200, error(1002, "session not found"));
		}
		Session session = this.sessions.get(sessionId);
		String contentType = request.getHeaders().get("Content-Type");
		if (contentType != null && contentType.startsWith("application/json")) {
			return uploadFromAddress(session, sessionId, this.json.readTree(request.getBody().utf8()));
		}
		if (contentType == null || !contentType.startsWith("multipart/form-data")) {
			return reply(400, error(400, "expected multipart/form-data"));
		}
		if (request.getBodySize() > MAX_UPLOAD || this.uploadRefusal == 4002) {
			return reply(200, error(4002, "file too large"));
		}
		String boundary = okhttp3.MediaType.get(contentType).parameter("boundary");
		try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				if (disposition == null || !disposition.contains("name=\"files\"")) {
					continue;
				}
				String filename = disposition.replaceAll(".*filename=\"([^\"]*)\".*", "$1");
				String extension = filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
				if (!UPLOAD_TYPES.contains(extension) || this.uploadRefusal == 4001) {
					return reply(200, error(4001, "unsupported file type"));
				}
				Path stored = this.folder.resolve(sessionId + "-" + filename);
				Files.write(stored, part.body().readByteArray());
				return stored(session, sessionId, filename, stored);
			}
		}
		return reply(400, error(400, "no file part named files"));
	}

	/** {@code {"urls": [...], "source_type": "url"}}: the service fetches the file itself. */
	private MockResponse uploadFromAddress(Session session, String sessionId, JsonNode body) throws IOException {
		String address = body.path("urls").path(0).asText("");
		if (!"url".equals(body.path("source_type").asText()) || address.isEmpty()) {
			return reply(400, error(400, "expected urls and source_type url"));
		}
		if (this.urlFetchFails) {
			return reply(200, error(URL_FETCH_FAILED, "could not download the file from the given URL"));
		}
		okhttp3.HttpUrl url = okhttp3.HttpUrl.get(address);
		String filename = url.pathSegments().get(url.pathSize() - 1);
		Path stored = this.folder.resolve(sessionId + "-" + filename);
		try (okhttp3.Response fetched = this.urlFetcher.newCall(new okhttp3.Request.Builder().url(url).build())
			.execute()) {
			if (!fetched.isSuccessful()) {
				return reply(200, error(URL_FETCH_FAILED, "the URL answered " + fetched.code()));
			}
			Files.write(stored, fetched.body().bytes());
		}
		return stored(session, sessionId, filename, stored);
	}

	/** An upload received (either way): the clip goes on the session's video track. */
	private MockResponse stored(Session session, String sessionId, String filename, Path stored) {
		session.uploads.incrementAndGet();
		session.video = stored;
		ObjectNode file = this.json.createObjectNode()
			.put("filename", filename)
			.put("file_type", "video")
			.put("cdn_url", "https://cdn.example.invalid/" + sessionId + "/" + filename)
			.put("duration", 2.0)
			.put("width", 160)
			.put("height", 120)
			.put("fps", 10)
			.put("hash", Integer.toHexString(stored.hashCode()));
		ObjectNode data = this.json.createObjectNode();
		data.putArray("files").add(file);
		return ok(data);
	}

	private MockResponse edit(RecordedRequest request, int number, long arrived) throws IOException {
		JsonNode body = this.json.readTree(request.getBody().utf8());
		String sessionId = body.path("session_id").asText();
		if (lost(sessionId, request)) {
			return reply(200, error(1002, "session not found"));
		}
		if (this.balance.get() < EDIT_COST) {
			return reply(200, error(2001, "insufficient credits"));
		}
		this.balance.addAndGet(-EDIT_COST);
		Session session = this.sessions.get(sessionId);
		session.messages.incrementAndGet();
		if (this.editAddsMusic) {
			session.music = true;
		}
		this.onEdit.accept(new RecordedCall(number, arrived, System.nanoTime(), "POST", "/run_sse",
				request.getHeaders(), body.toString(), 200));
		StringBuilder stream = new StringBuilder();
		for (String event : this.sseEvents) {
			stream.append("data: ").append(event).append("\n\n");
		}
		long editMillis = this.editMillis;
		long beat = Math.max(1, this.heartbeatMillis);
		byte[] heartbeat = "data: {\"type\":\"heartbeat\"}\n\n".getBytes(StandardCharsets.UTF_8);
		int heartbeats = (int) (editMillis / beat);
		byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
		boolean drop = this.sseDrop;
		MockResponseBody events = new MockResponseBody() {
			@Override
			public long getContentLength() {
				// a dropped stream promises twice what it sends: the socket closes halfway, after the events
				long length = (long) heartbeats * heartbeat.length + bytes.length;
				return drop ? 2L * length : length;
			}

			@Override
			public void writeTo(BufferedSink sink) throws IOException {
				// a realistic edit: heartbeats while the agent works, then its events
				for (int i = 0; i < heartbeats; i++) {
					sink.write(heartbeat);
					sink.flush();
					pause(editMillis / heartbeats);
				}
				sink.write(bytes);
			}
		};
		MockResponse.Builder response = new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.setHeader("Cache-Control", "no-cache")
			.body(events);
		if (drop) {
			response.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
		}
		return response.build();
	}

	private MockResponse state(String sessionId, RecordedRequest request) {
		if (lost(sessionId, request)) {
			return reply(200, error(1002, "session not found"));
		}
		Session session = this.sessions.get(sessionId);
		ObjectNode draft = this.json.createObjectNode();
		ArrayNode tracks = draft.putArray("t");
		ObjectNode video = tracks.addObject().put("tt", 0);
		ArrayNode videoSegments = video.putArray("sg");
		if (session.video != null) {
			// the uploaded clip is on the video track; before an upload the draft is empty
			videoSegments.addObject().put("d", 2000).put("src", "video");
		}
		if (session.music) {
			ObjectNode audio = tracks.addObject().put("tt", 1);
			audio.putArray("sg").addObject().put("d", 2000).putObject("m").put("title", "Upbeat Loop");
		}
		else {
			tracks.addObject().put("tt", 1).putArray("sg");
		}
		draft.put("d", 2000);
		ObjectNode data = this.json.createObjectNode();
		data.putObject("state").set("draft", draft);
		data.putArray("video_infos").addObject().put("duration", 2.0);
		data.putObject("canvas_config").put("width", 160).put("height", 120);
		data.putArray("generated_media");
		return ok(data);
	}

	private MockResponse submitRender(RecordedRequest request) throws IOException {
		okhttp3.Headers headers = request.getHeaders();
		if (this.planDeniesExport || headers.get("X-Skill-Source") == null || headers.get("X-Skill-Version") == null
				|| headers.get("X-Skill-Platform") == null) {
			return reply(402, error(402, "plan does not allow export"));
		}
		JsonNode body = this.json.readTree(request.getBody().utf8());
		String id = body.path("id").asText();
		String sessionId = body.path("sessionId").asText();
		if (!this.sessions.containsKey(sessionId)) {
			return reply(200, error(1002, "session not found"));
		}
		if (!id.startsWith("render_") || !body.path("draft").has("t")) {
			return reply(400, error(400, "bad render request"));
		}
		Long millis = this.renderMillisEach.poll();
		Render render = new Render(id, sessionId, this.failingRenders.getAndUpdate((n) -> Math.max(0, n - 1)) > 0,
				millis == null ? this.renderMillis : millis);
		this.renders.putIfAbsent(id, render);
		return successOk(this.json.createObjectNode().put("id", id).put("status", "pending").put("progress", 0));
	}

	private MockResponse pollRender(String id) throws IOException {
		Render render = this.renders.get(id);
		if (render == null) {
			ObjectNode missing = this.json.createObjectNode().put("success", false).put("error", "render not found");
			return reply(404, missing);
		}
		int polls = render.polls.incrementAndGet();
		ObjectNode data = this.json.createObjectNode().put("id", id);
		ObjectNode envelope = this.json.createObjectNode().put("success", true);
		if (render.cancelled) {
			data.put("status", "cancelled").put("progress", 0);
		}
		else if (render.millis > 0 && render.elapsedMillis() < render.millis) {
			data.put("status", "processing").put("progress", 100 * render.elapsedMillis() / render.millis);
		}
		else if (render.millis <= 0 && polls < this.pollsToComplete) {
			data.put("status", "processing").put("progress", 100 * polls / this.pollsToComplete);
		}
		else if (render.fails) {
			data.put("status", "failed").put("progress", 0).put("error", "lambda crashed");
		}
		else {
			output(render);
			data.put("status", "completed").put("progress", 100);
			String url = this.server.url("/files/" + id + ".mp4").toString();
			if (this.resultShape == ResultShape.DATA_OUTPUT_URL) {
				data.put("outputUrl", url);
			}
			else if (this.resultShape == ResultShape.TOP_LEVEL_OUTPUT_URL) {
				envelope.putObject("output").put("url", url);
			}
		}
		envelope.set("data", data);
		return reply(200, envelope);
	}

	private MockResponse serveOutput(RecordedRequest request, String id) {
		byte[] bytes = this.outputs.get(id);
		if (bytes == null) {
			return reply(404, error(404, "no output for " + id));
		}
		long from = 0;
		String range = request.getHeaders().get("Range");
		if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
			from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
			if (from >= bytes.length) {
				return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + bytes.length).build();
			}
		}
		int start = (int) from;
		boolean cut = this.truncateNextDownload.getAndSet(false);
		MockResponse.Builder response = new MockResponse.Builder().code(from > 0 ? 206 : 200)
			.setHeader("Content-Type", "video/mp4")
			.setHeader("Accept-Ranges", "bytes");
		if (from > 0) {
			response.setHeader("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
		}
		if (cut) {
			// the socket closes halfway through the body
			response.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
		}
		if (this.tricklingDownloads.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			response.throttleBody(64, 50, TimeUnit.MILLISECONDS);
		}
		return response.body(new Buffer().write(bytes, start, bytes.length - start)).build();
	}

	/** The render's result: the uploaded video with a sine tone as its audio track, as long as the video. */
	private void output(Render render) throws IOException {
		if (this.outputs.containsKey(render.id)) {
			return;
		}
		Path video = this.sessions.get(render.session).video;
		String content = java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(video)));
		byte[] made = this.rendered.get(content);
		if (made != null) {
			// the same input renders to the same output: ffmpeg runs once per distinct video
			Files.write(this.folder.resolve(render.id + ".mp4"), made);
			this.outputs.put(render.id, made);
			return;
		}
		Path out = this.folder.resolve(render.id + ".mp4");
		String duration = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
				video.toString())).strip();
		run(List.of("ffmpeg", "-v", "error", "-y", "-i", video.toString(), "-f", "lavfi", "-i",
				"sine=frequency=440:sample_rate=44100:duration=" + duration, "-map", "0:v:0", "-map", "1:a:0", "-c:v",
				"copy", "-c:a", "aac", "-b:a", "64k", out.toString()));
		byte[] bytes = Files.readAllBytes(out);
		this.rendered.put(content, bytes);
		this.outputs.put(render.id, bytes);
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (process.waitFor() != 0) {
				throw new IOException(command.get(0) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		return output;
	}

	// ---- envelopes ----

	private MockResponse ok(ObjectNode data) {
		if (this.successEnvelope) {
			return successOk(data);
		}
		ObjectNode envelope = this.json.createObjectNode().put("code", 0).put("message", "ok");
		envelope.set("data", data);
		return reply(200, envelope);
	}

	private MockResponse successOk(ObjectNode data) {
		ObjectNode envelope = this.json.createObjectNode().put("success", true);
		envelope.set("data", data);
		return reply(200, envelope);
	}

	private ObjectNode error(int code, String message) {
		if (this.successEnvelope) {
			ObjectNode envelope = this.json.createObjectNode().put("success", false);
			envelope.putObject("error").put("code", code).put("message", message);
			return envelope;
		}
		return this.json.createObjectNode().put("code", code).put("message", message);
	}

	private static MockResponse reply(int status, JsonNode body) {
		return new MockResponse.Builder().code(status)
			.setHeader("Content-Type", "application/json")
			.body(body.toString())
			.build();
	}

	private static String bodyText(RecordedRequest request) {
		String type = request.getHeaders().get("Content-Type");
		if (type != null && type.startsWith("multipart/")) {
			return "<multipart " + request.getBodySize() + " bytes>";
		}
		return request.getBody() == null ? "" : request.getBody().utf8();
	}

	private static final class Session {

		final AtomicInteger uploads = new AtomicInteger();

		final AtomicInteger messages = new AtomicInteger();

		volatile boolean music;

		volatile Path video;

	}

	private static void pause(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("interrupted");
		}
	}

	private static final class Render {

		final String id;

		final String session;

		final boolean fails;

		final AtomicInteger polls = new AtomicInteger();

		volatile boolean cancelled;

		final long submitted = System.nanoTime();

		final long millis;

		Render(String id, String session, boolean fails, long millis) {
			this.id = id;
			this.session = session;
			this.fails = fails;
			this.millis = millis;
		}

		long elapsedMillis() {
			return (System.nanoTime() - this.submitted) / 1_000_000;
		}

	}

}
