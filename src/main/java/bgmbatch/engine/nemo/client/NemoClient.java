package bgmbatch.engine.nemo.client;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSources;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The NemoVideo API's endpoints, as the batch runner uses them. The HTTP concerns (the
 * retry ladder, the envelopes, the rate gate) are {@link NemoHttp}'s, the download is
 * {@link RenderDownload}'s, the token is {@link TokenStore}'s (issued by
 * {@link TokenIssuer}). Every failure is a {@link NemoApiException}; what it means for
 * the item and the job is the engine's to decide.
 */
public final class NemoClient {

	private static final Log logger = LogFactory.getLog(NemoClient.class);

	private static final MediaType OCTETS = MediaType.get("application/octet-stream");

	private static final String SEND_EDIT = "send the edit message";

	private final NemoHttp http;

	private final TokenStore tokens;

	private final RenderDownload downloads;

	public NemoClient(NemoClientSettings settings, Path credentialsFolder) {
		this.http = new NemoHttp(settings);
		this.tokens = new TokenStore(credentialsFolder, settings.token(), new TokenIssuer(this.http));
		this.downloads = new RenderDownload(this.http, this.tokens);
	}

	public TokenStore tokens() {
		return this.tokens;
	}

	/** Makes sure a token is at hand (obtaining an anonymous one if needed). */
	public void ensureToken() {
		this.tokens.token();
	}

	public int availableCredits() {
		JsonNode data = call("check the credit balance", () -> this.http.get("api/credits/balance/simple")).data();
		return data.path("available").asInt(0);
	}

	/** Opens an editing session (this costs credits). */
	public String createSession() {
		String what = "open a session";
		ObjectNode body = json().put("task_name", "project").put("language", "en");
		JsonNode data = call(what, () -> this.http.post("api/tasks/me/with-session/nemo_agent", body)).data();
		String session = data.path("session_id").asText("");
		if (session.isEmpty()) {
			throw NemoApiException.badAnswer(what, "the service opened a session but sent no session id");
		}
		return session;
	}

	/** Uploads a file as multipart, streamed from disk. */
	public UploadedFile upload(String session, Path file) {
		String what = "upload " + file.getFileName();
		File source = file.toFile();
		Supplier<Request.Builder> request = () -> {
			RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
				.addFormDataPart("files", file.getFileName().toString(), RequestBody.create(source, OCTETS))
				.build();
			return new Request.Builder().url(this.http.url("api/upload-video/nemo_agent/me/" + session)).post(body);
		};
		JsonNode files = this.http.callStreaming(what, request, this.tokens).data().path("files");
		return uploaded(what, files, file.getFileName().toString());
	}

	/**
	 * Has the service fetch a file from an https address itself: no bytes pass through
	 * us. The address is never put in a message (it may be presigned).
	 * @throws NemoApiException when the service could not fetch it (the caller may upload
	 * the bytes instead)
	 */
	public UploadedFile uploadUrl(String session, String address) {
		String what = "have the service fetch the video from its address";
		ObjectNode body = json();
		body.putArray("urls").add(address);
		body.put("source_type", "url");
		JsonNode files = this.http
			.callStreaming(what, () -> this.http.post("api/upload-video/nemo_agent/me/" + session, body), this.tokens)
			.data()
			.path("files");
		return uploaded(what, files, "the video at its address");
	}

	private static UploadedFile uploaded(String what, JsonNode files, String name) {
		JsonNode first = files.path(0);
		String cdnUrl = first.path("cdn_url").asText("");
		if (cdnUrl.isEmpty()) {
			throw NemoApiException.badAnswer(what, "the upload of " + name + " was answered without a file URL");
		}
		return new UploadedFile(first.path("filename").asText(name), cdnUrl, first.path("duration").asDouble(0));
	}

	/**
	 * Sends the instruction over the edit stream and reads the stream to its end. Never
	 * repeated here, whatever happens: once the request left, the service may have accepted
	 * it, and a second one charges twice and may apply the edit twice. A drop is reported in
	 * the result for the caller to check the draft.
	 * @param onAccepted called once the service has taken the message (it answered with the
	 * stream, or with a plain success), before anything is read from it; not called when the
	 * answer never came
	 * @param onText called with each assistant text as it arrives
	 * @throws NemoApiException when the service answered with a refusal instead of taking the
	 * message: of kind {@link NemoApiException.Kind#NOT_TAKEN} when a later attempt may pass
	 * (rate limit, expired token), else the service's code (no credits, session gone); never
	 * when the message may have been taken
	 */
	public EditStream edit(String session, String instruction, Runnable onAccepted, Consumer<String> onText) {
		ObjectNode body = json().put("app_name", "nemo_agent").put("user_id", "me").put("session_id", session);
		body.putObject("new_message").putArray("parts").addObject().put("text", instruction);
		this.http.gate().awaitOpen();
		String token = this.tokens.token();
		Request request = this.http.attribute(this.http.post("run_sse", body))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.build();
		Response response;
		try {
			response = this.http.sse().newCall(request).execute();
		}
		catch (IOException ex) {
			// whether the message arrived is unknown: treat it as sent and let the caller check the draft
			logger.warn("the edit stream of session " + session + " failed to open: " + NemoHttp.describe(ex));
			return unknownFate();
		}
		try (response) {
			MediaType type = response.body().contentType();
			boolean eventStream = type != null && "event-stream".equals(type.subtype());
			if (!response.isSuccessful() || !eventStream) {
				Reply reply;
				try {
					reply = Reply.read(response, this.http.json());
				}
				catch (IOException ex) {
					return unknownFate();
				}
				if (reply.code() == 0 && response.isSuccessful()) {
					// a plain answer instead of a stream: taken, but nothing streamed, so the draft decides
					onAccepted.run();
					return new EditStream(false, List.of(), 0, 0, 0);
				}
				if (reply.status() >= 500 && !reply.rateLimited() && !reply.tokenRefused()) {
					// the service may have accepted the message before it failed: treat as a drop
					return unknownFate();
				}
				throw this.http.refusal(SEND_EDIT, reply, token, this.tokens);
			}
			onAccepted.run();
			SseCollector collector = new SseCollector(this.http.json(), onText);
			EventSources.processResponse(response, collector);
			return collector.result();
		}
	}

	/** The message left; whether it arrived nobody can say. */
	private static EditStream unknownFate() {
		return new EditStream(true, List.of(), 0, 0, 0);
	}

	/** The session's latest draft. */
	public Draft state(String session) {
		JsonNode data = call("read the draft", () -> this.http.get("api/state/nemo_agent/me/" + session + "/latest"))
			.data();
		JsonNode draft = data.path("state").path("draft");
		if (draft.isMissingNode() || draft.isNull()) {
			draft = data.path("draft");
		}
		return new Draft(draft.isMissingNode() ? json() : draft);
	}

	/** Submits a render under an id chosen (and recorded) by the caller. Export is free. */
	public void submitRender(String renderId, String session, Draft draft) {
		ObjectNode body = json().put("id", renderId).put("sessionId", session);
		body.set("draft", draft.json());
		body.putObject("output").put("format", "mp4").put("quality", "high");
		call("submit the render", () -> this.http.post("api/render/proxy/lambda", body));
	}

	/** The render's status, or empty when the service does not know the id. */
	public Optional<RenderStatus> render(String renderId) {
		Reply reply;
		try {
			reply = call("check the render", () -> this.http.get("api/render/proxy/lambda/" + renderId));
		}
		catch (NemoApiException ex) {
			if (ex.code() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
		JsonNode data = reply.data();
		String url = Reply.text(data.path("outputUrl"));
		if (url == null) {
			url = Reply.text(reply.body().path("output").path("url"));
		}
		if (url == null) {
			url = Reply.text(data.path("output").path("url"));
		}
		return Optional.of(new RenderStatus(renderId, data.path("status").asText("pending"), data.path("progress").asInt(0),
				url, Reply.text(data.path("error"))));
	}

	public void cancelRender(String renderId) {
		call("cancel the render", () -> this.http.post("api/render/proxy/lambda/" + renderId + "/cancel", json()));
	}

	/**
	 * Streams a finished render into {@code target}. A part left by a broken download is
	 * continued with a Range request when the server honours it (206), else rewritten.
	 */
	public void download(RenderStatus render, Path target) {
		this.downloads.fetch(render, target);
	}

	private Reply call(String what, Supplier<Request.Builder> request) {
		return this.http.call(what, request, this.tokens);
	}

	private ObjectNode json() {
		return this.http.json().createObjectNode();
	}

	@Override
	public String toString() {
		return "NemoClient[" + this.http.base() + "]";
	}

}
