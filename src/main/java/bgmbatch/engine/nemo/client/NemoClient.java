package bgmbatch.engine.nemo.client;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.engine.nemo.NemoProperties;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSources;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The NemoVideo API as the batch runner speaks it. Every call carries the attribution
 * headers; both response envelopes are understood. HTTP-level retries live here and
 * nowhere else:
 * <ul>
 * <li>429: wait for Retry-After (else the default), through the one {@link RateGate} all
 * workers share, at most {@code max429Retries} times;</li>
 * <li>5xx, timeouts, resets: exponential backoff, at most {@code maxRetries} times;</li>
 * <li>1001: one fresh token, then the call once more;</li>
 * <li>400 on the token call: a new client id, then the call once more;</li>
 * <li>the edit stream: never repeated (see {@link #edit}).</li>
 * </ul>
 * OkHttp's own silent retry on connection failure is off: it would repeat a POST that
 * costs credits without us knowing.
 */
public final class NemoClient {

	private static final Log logger = LogFactory.getLog(NemoClient.class);

	static final String SKILL_SOURCE = "add-background-music";

	private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

	private static final MediaType OCTETS = MediaType.get("application/octet-stream");

	/**
	 * The slowest average a download may keep: 16 KiB/s still brings a 500 MB render (the
	 * service's largest) in under 9 hours; anything slower is a stalled connection.
	 */
	static final long MIN_DOWNLOAD_BYTES_PER_SECOND = 16 * 1024;

	private final NemoProperties properties;

	private final HttpUrl base;

	private final OkHttpClient http;

	private final OkHttpClient streaming;

	private final OkHttpClient sse;

	private final ObjectMapper json = new ObjectMapper();

	private final RateGate gate = new RateGate();

	private final TokenStore tokens;

	public NemoClient(NemoProperties properties, Path credentialsFolder) {
		this.properties = properties;
		this.base = HttpUrl.get(properties.baseUrl() + "/");
		this.http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
			.followRedirects(true)
			.connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.writeTimeout(properties.readTimeout())
			.callTimeout(properties.callTimeout())
			.build();
		// uploads and downloads of large files are bounded by the read timeout, not the call's length
		this.streaming = this.http.newBuilder().callTimeout(Duration.ZERO).build();
		this.sse = this.http.newBuilder().callTimeout(properties.editTimeout()).build();
		this.tokens = new TokenStore(credentialsFolder, properties.token(), this::issueToken);
	}

	public TokenStore tokens() {
		return this.tokens;
	}

	/** Makes sure a token is at hand (obtaining an anonymous one if needed). */
	public void ensureToken() {
		this.tokens.token();
	}

	public int availableCredits() {
		JsonNode data = call("check the credit balance", () -> get("api/credits/balance/simple"), true).data();
		return data.path("available").asInt(0);
	}

	/** Opens an editing session (this costs credits). */
	public String createSession() {
		ObjectNode body = this.json.createObjectNode().put("task_name", "project").put("language", "en");
		JsonNode data = call("open a session", () -> post("api/tasks/me/with-session/nemo_agent", body), true).data();
		String session = data.path("session_id").asText("");
		if (session.isEmpty()) {
			throw new ItemFailedException("the service opened a session but sent no session id");
		}
		return session;
	}

	/** Uploads a file as multipart, streamed from disk. */
	public UploadedFile upload(String session, Path file) {
		File source = file.toFile();
		Supplier<Request.Builder> request = () -> {
			RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
				.addFormDataPart("files", file.getFileName().toString(), RequestBody.create(source, OCTETS))
				.build();
			return new Request.Builder().url(url("api/upload-video/nemo_agent/me/" + session)).post(body);
		};
		JsonNode files = call("upload " + file.getFileName(), request, true, this.streaming).data().path("files");
		return uploaded(files, file.getFileName().toString());
	}

	/**
	 * Has the service fetch a file from an https address itself: no bytes pass through
	 * us. The address is never put in a message (it may be presigned).
	 * @throws ItemFailedException when the service could not fetch it (the caller may
	 * upload the bytes instead)
	 */
	public UploadedFile uploadUrl(String session, String address) {
		ObjectNode body = this.json.createObjectNode();
		body.putArray("urls").add(address);
		body.put("source_type", "url");
		JsonNode files = call("have the service fetch the video from its address",
				() -> post("api/upload-video/nemo_agent/me/" + session, body), true, this.streaming)
			.data()
			.path("files");
		return uploaded(files, "the video at its address");
	}

	private static UploadedFile uploaded(JsonNode files, String name) {
		JsonNode first = files.path(0);
		String cdnUrl = first.path("cdn_url").asText("");
		if (cdnUrl.isEmpty()) {
			throw new ItemFailedException("the upload of " + name + " was answered without a file URL");
		}
		return new UploadedFile(first.path("filename").asText(name), cdnUrl, first.path("duration").asDouble(0));
	}

	/**
	 * Sends the instruction over the edit stream and reads the stream to its end. Never
	 * repeated, whatever happens: once the request left, the service may have accepted it,
	 * and a second one charges twice and may apply the edit twice. A drop is reported in
	 * the result for the caller to check the draft.
	 * @param onAccepted called once the service has taken the message (it answered with the
	 * stream, or with a plain success), before anything is read from it; not called when the
	 * answer never came
	 * @param onText called with each assistant text as it arrives
	 * @throws EditRefusedException when the service answered with a refusal (rate limit,
	 * expired token) before accepting the message; any other exception also means the
	 * message was not accepted (no credits, session gone), never that it was
	 */
	public EditStream edit(String session, String instruction, Runnable onAccepted, Consumer<String> onText) {
		ObjectNode body = this.json.createObjectNode()
			.put("app_name", "nemo_agent")
			.put("user_id", "me")
			.put("session_id", session);
		body.putObject("new_message").putArray("parts").addObject().put("text", instruction);
		this.gate.awaitOpen();
		String token = this.tokens.token();
		Request request = attribute(post("run_sse", body)).header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.build();
		Response response;
		try {
			response = this.sse.newCall(request).execute();
		}
		catch (IOException ex) {
			// whether the message arrived is unknown: treat it as sent and let the caller check the draft
			logger.warn("the edit stream of session " + session + " failed to open: " + describe(ex));
			return new EditStream(true, java.util.List.of(), 0, 0, 0);
		}
		try (response) {
			MediaType type = response.body().contentType();
			boolean eventStream = type != null && "event-stream".equals(type.subtype());
			if (!response.isSuccessful() || !eventStream) {
				Reply reply;
				try {
					reply = Reply.read(response, this.json);
				}
				catch (IOException ex) {
					return new EditStream(true, java.util.List.of(), 0, 0, 0);
				}
				if (reply.code() == 0 && response.isSuccessful()) {
					// a plain answer instead of a stream: taken, but nothing streamed, so the draft decides
					onAccepted.run();
					return new EditStream(false, java.util.List.of(), 0, 0, 0);
				}
				return refused(reply, token);
			}
			onAccepted.run();
			SseCollector collector = new SseCollector(this.json, onText);
			EventSources.processResponse(response, collector);
			return collector.result();
		}
	}

	private EditStream refused(Reply reply, String token) {
		int code = reply.code();
		if (code == 429) {
			this.gate.pause(retryAfter(reply.retryAfter()));
			throw new EditRefusedException("the service was rate limiting and refused the edit message (429)");
		}
		if (code == 1001 || reply.status() == 401) {
			this.tokens.renew(token);
			throw new EditRefusedException("the service refused the token before accepting the edit (1001)");
		}
		if (reply.status() >= 500) {
			// the service may have accepted the message before it failed: treat as a drop
			return new EditStream(true, java.util.List.of(), 0, 0, 0);
		}
		throw failure("send the edit message", reply);
	}

	/** The session's latest draft. */
	public Draft state(String session) {
		JsonNode data = call("read the draft", () -> get("api/state/nemo_agent/me/" + session + "/latest"), true).data();
		JsonNode draft = data.path("state").path("draft");
		if (draft.isMissingNode() || draft.isNull()) {
			draft = data.path("draft");
		}
		return new Draft(draft.isMissingNode() ? this.json.createObjectNode() : draft);
	}

	/** Submits a render under an id chosen (and recorded) by the caller. Export is free. */
	public void submitRender(String renderId, String session, Draft draft) {
		ObjectNode body = this.json.createObjectNode().put("id", renderId).put("sessionId", session);
		body.set("draft", draft.json());
		body.putObject("output").put("format", "mp4").put("quality", "high");
		call("submit the render", () -> post("api/render/proxy/lambda", body), true);
	}

	/** The render's status, or empty when the service does not know the id. */
	public Optional<RenderStatus> render(String renderId) {
		Reply reply;
		try {
			reply = call("check the render", () -> get("api/render/proxy/lambda/" + renderId), true);
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
		JsonNode data = reply.data();
		String url = text(data.path("outputUrl"));
		if (url == null) {
			url = text(reply.body().path("output").path("url"));
		}
		if (url == null) {
			url = text(data.path("output").path("url"));
		}
		return Optional.of(new RenderStatus(renderId, data.path("status").asText("pending"), data.path("progress").asInt(0),
				url, text(data.path("error"))));
	}

	public void cancelRender(String renderId) {
		call("cancel the render", () -> post("api/render/proxy/lambda/" + renderId + "/cancel",
				this.json.createObjectNode()), true);
	}

	/**
	 * Streams a finished render into {@code target}. A part left by a broken download is
	 * continued with a Range request when the server honours it (206), else rewritten.
	 */
	public void download(RenderStatus render, Path target) {
		HttpUrl from = render.outputUrl() != null ? this.base.resolve(render.outputUrl()) : null;
		if (from == null) {
			from = url("api/render/proxy/" + render.id() + "/download");
		}
		// the token goes only to the service itself, never to a storage host it points at
		boolean ours = from.host().equals(this.base.host()) && from.port() == this.base.port();
		int failures = 0;
		while (true) {
			this.gate.awaitOpen();
			long have = size(target);
			Request.Builder request = attribute(new Request.Builder().url(from).get());
			if (ours) {
				request.header("Authorization", "Bearer " + this.tokens.token());
			}
			if (have > 0) {
				request.header("Range", "bytes=" + have + "-");
			}
			try (Response response = this.streaming.newCall(request.build()).execute()) {
				int status = response.code();
				if (status == 416 && have > 0) {
					// nothing left to send: the part is whole (the caller's probe has the last word)
					return;
				}
				if (status == 429) {
					pauseOrGiveUp(++failures, response.header("Retry-After"), "download the render");
					continue;
				}
				if (status >= 500) {
					backoffOrGiveUp(++failures, "download the render", "HTTP " + status);
					continue;
				}
				if (status == 402) {
					throw planLimit();
				}
				if (status != 200 && status != 206) {
					throw new ItemFailedException("the render download was refused (HTTP " + status + ")");
				}
				boolean append = status == 206 && have > 0;
				try (InputStream in = response.body().byteStream();
						OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
								append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
					copy(in, out);
				}
				return;
			}
			catch (IOException ex) {
				// what arrived stays in the part file; the next attempt asks for the rest
				backoffOrGiveUp(++failures, "download the render", describe(ex));
			}
		}
	}

	/**
	 * Copies a download, refusing a trickle: the streaming client has no call deadline (a
	 * large render takes long), and a server sending a byte now and then never trips the
	 * read timeout, so without this floor a download could last forever. Once a read
	 * timeout's worth of time has passed, the average must stay above the floor; failing
	 * that, the attempt ends (what arrived is kept and the retry resumes with a Range).
	 */
	private void copy(InputStream in, OutputStream out) throws IOException {
		long start = System.nanoTime();
		long grace = this.properties.readTimeout().toNanos();
		long copied = 0;
		byte[] buffer = new byte[64 * 1024];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			out.write(buffer, 0, read);
			copied += read;
			long elapsed = System.nanoTime() - start;
			double rate = copied * 1e9 / Math.max(1, elapsed);
			if (elapsed > grace && rate < MIN_DOWNLOAD_BYTES_PER_SECOND) {
				throw new java.io.InterruptedIOException(String.format(java.util.Locale.ROOT,
						"the download trickles at %.0f bytes/s, below the %d bytes/s a live transfer keeps up", rate,
						MIN_DOWNLOAD_BYTES_PER_SECOND));
			}
		}
	}

	private TokenStore.Issued issueToken(String clientId) {
		String[] id = { clientId };
		boolean renewedId = false;
		while (true) {
			Reply reply;
			try {
				reply = call("get an anonymous token",
						() -> post("api/auth/anonymous-token", this.json.createObjectNode()).header("X-Client-Id", id[0]),
						false);
			}
			catch (MissingClientIdException ex) {
				if (renewedId) {
					throw new ItemFailedException("the service keeps refusing our client id (HTTP 400)");
				}
				renewedId = true;
				id[0] = this.tokens.newClientId();
				continue;
			}
			String token = reply.data().path("token").asText("");
			if (token.isEmpty()) {
				throw new ItemFailedException("the service issued no token");
			}
			return new TokenStore.Issued(token, instant(reply.data().path("expires_at")));
		}
	}

	private Reply call(String what, Supplier<Request.Builder> request, boolean authorized) {
		return call(what, request, authorized, this.http);
	}

	/** The retry ladder. Each exit that does not repeat says why. */
	private Reply call(String what, Supplier<Request.Builder> request, boolean authorized, OkHttpClient client) {
		int failures = 0;
		int limited = 0;
		boolean renewedToken = false;
		while (true) {
			this.gate.awaitOpen();
			Request.Builder builder = attribute(request.get());
			String token = null;
			if (authorized) {
				token = this.tokens.token();
				builder.header("Authorization", "Bearer " + token);
			}
			Reply reply;
			try (Response response = client.newCall(builder.build()).execute()) {
				reply = Reply.read(response, this.json);
			}
			catch (IOException ex) {
				backoffOrGiveUp(++failures, what, describe(ex));
				continue;
			}
			int code = reply.code();
			if (code == 0) {
				return reply;
			}
			if (code == 429 || reply.status() == 429) {
				pauseOrGiveUp(++limited, reply.retryAfter(), what);
				continue;
			}
			if (reply.status() >= 500 && !isBusinessCode(code)) {
				backoffOrGiveUp(++failures, what, "HTTP " + reply.status());
				continue;
			}
			if ((code == 1001 || reply.status() == 401) && authorized && !renewedToken) {
				renewedToken = true;
				this.tokens.renew(token);
				continue;
			}
			if (!authorized && (code == 400 || reply.status() == 400)) {
				// only the token call is unauthorized, and its 400 means "client id missing"
				throw new MissingClientIdException();
			}
			throw failure(what, reply);
		}
	}

	private RuntimeException failure(String what, Reply reply) {
		int code = reply.code();
		String said = reply.message() == null ? "" : ": " + this.tokens.redact(reply.message());
		return switch (code) {
			// every further call would be refused the same way until someone tops up
			case 2001 -> new JobHaltException("out of NemoVideo credits: the service refused to " + what
					+ " (code 2001); top up and run the same command again");
			case 402 -> planLimit();
			case 1002 -> new SessionGoneException("the NemoVideo session is gone (code 1002) while trying to " + what);
			case 4001 -> new ItemRejectedException("NemoVideo does not accept this file type (code 4001)" + said);
			case 4002 -> new ItemRejectedException("the file is larger than NemoVideo accepts (code 4002)" + said);
			case 1001, 401 -> new JobHaltException("the service refused a freshly issued token (code 1001)" + said);
			case 404 -> new NotFoundException(what);
			default -> new ItemFailedException("could not " + what + " (code " + code + ")" + said);
		};
	}

	private static JobHaltException planLimit() {
		return new JobHaltException("the NemoVideo plan does not allow exports (HTTP 402): this is a plan limit, "
				+ "not a lack of credits; upgrade the plan and run the same command again");
	}

	private static boolean isBusinessCode(int code) {
		return code >= 1000 && code < 5000;
	}

	private void pauseOrGiveUp(int attempt, String retryAfterHeader, String what) {
		if (attempt > this.properties.max429Retries()) {
			// the service keeps refusing: hand the decision to the step's retry and skip policies
			throw new TransientEngineException("the service kept rate limiting us (429) while trying to " + what
					+ ", " + (attempt - 1) + " waits in a row");
		}
		Duration wait = retryAfter(retryAfterHeader);
		logger.info("rate limited while trying to " + what + "; all workers pause for " + wait);
		this.gate.pause(wait);
	}

	private Duration retryAfter(String header) {
		Duration wait = this.properties.defaultRetryAfter();
		if (header != null) {
			try {
				wait = Duration.ofMillis(Math.round(Double.parseDouble(header.strip()) * 1000));
			}
			catch (NumberFormatException ex) {
				// an HTTP date or garbage: the default pause is the safe reading
			}
		}
		Duration max = this.properties.maxRetryAfter();
		return wait.compareTo(max) > 0 ? max : wait.isNegative() ? Duration.ZERO : wait;
	}

	private void backoffOrGiveUp(int attempt, String what, String why) {
		if (attempt > this.properties.maxRetries()) {
			throw new TransientEngineException("could not " + what + " after " + attempt + " attempts (" + why + ")");
		}
		long initial = this.properties.backoffInitial().toMillis();
		long delay = Math.min(this.properties.backoffMax().toMillis(), initial << Math.min(20, attempt - 1));
		logger.info("could not " + what + " (" + why + "); attempt " + (attempt + 1) + " in " + delay + " ms");
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientEngineException("interrupted while waiting to retry", ex);
		}
	}

	private Request.Builder attribute(Request.Builder builder) {
		return builder.header("X-Skill-Source", SKILL_SOURCE)
			.header("X-Skill-Version", this.properties.skillVersion())
			.header("X-Skill-Platform", this.properties.skillPlatform());
	}

	private Request.Builder get(String path) {
		return new Request.Builder().url(url(path)).get();
	}

	private Request.Builder post(String path, JsonNode body) {
		return new Request.Builder().url(url(path)).post(RequestBody.create(body.toString(), JSON));
	}

	private HttpUrl url(String path) {
		return this.base.resolve(path);
	}

	private static long size(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Exception text without anything from the request: class and message only. */
	private static String describe(IOException ex) {
		String kind = ex instanceof InterruptedIOException ? "timeout" : ex.getClass().getSimpleName();
		return ex.getMessage() == null ? kind : kind + ": " + ex.getMessage();
	}

	private static String text(JsonNode node) {
		return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
	}

	private static Instant instant(JsonNode node) {
		try {
			if (node.isNumber()) {
				long value = node.asLong();
				return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
			}
			if (node.isTextual()) {
				return Instant.parse(node.asText());
			}
		}
		catch (RuntimeException ex) {
			// unreadable: the default lifetime applies
		}
		return null;
	}

	/** The token call's 400: the client id is missing or unknown. */
	private static final class MissingClientIdException extends RuntimeException {

		MissingClientIdException() {
			super("client id missing", null, false, false);
		}

	}

	/** The service does not know what was asked for. */
	private static final class NotFoundException extends ItemFailedException {

		NotFoundException(String what) {
			super("the service does not know what we asked for while trying to " + what + " (HTTP 404)");
		}

	}

	/**
	 * One answer in either envelope: {@code {"code":0,"data":...}} or
	 * {@code {"success":true,"data":...}}; an error code may also come as the HTTP status.
	 */
	record Reply(int status, int code, String message, JsonNode body, JsonNode data, String retryAfter) {

		static Reply read(Response response, ObjectMapper json) throws IOException {
			int status = response.code();
			String text = response.body().string();
			JsonNode body;
			try {
				body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
			}
			catch (IOException ex) {
				// not JSON: only the status speaks (the text is not repeated: it may hold anything)
				body = json.createObjectNode();
			}
			if (body == null || !body.isObject()) {
				body = json.createObjectNode();
			}
			boolean ok = status >= 200 && status < 300;
			int code;
			String message = null;
			if (body.has("code") && body.get("code").canConvertToInt()) {
				code = body.get("code").asInt();
				message = text(body.path("message"));
				if (code == 0 && !ok) {
					code = status;
				}
			}
			else if (body.has("success")) {
				if (body.path("success").asBoolean(false)) {
					code = ok ? 0 : status;
				}
				else {
					JsonNode error = body.path("error");
					code = error.path("code").canConvertToInt() ? error.path("code").asInt()
							: body.path("error_code").canConvertToInt() ? body.path("error_code").asInt()
									: ok ? -1 : status;
					message = error.isTextual() ? error.asText() : text(error.path("message"));
				}
			}
			else {
				code = ok ? 0 : status;
				message = text(body.path("message"));
			}
			JsonNode data = body.has("data") && body.get("data").isObject() ? body.get("data") : body;
			return new Reply(status, code, message, body, data, response.header("Retry-After"));
		}

	}

	@Override
	public String toString() {
		return "NemoClient[" + this.base + "]";
	}


}
