package bgmbatch.engine.nemo.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The HTTP layer: attribution headers, the token header, both envelopes, the one
 * {@link RateGate} all workers share, and the retry ladder. HTTP retries live here and
 * in no other layer; a call that runs out of them ends in a {@link NemoApiException} of
 * kind {@link NemoApiException.Kind#GAVE_UP}, which the engine does not hand to any
 * further retry. The bound per call:
 * <ul>
 * <li>429: wait for Retry-After (else the default), at most {@code max429Retries} times;</li>
 * <li>5xx, timeouts, resets: exponential backoff, at most {@code maxRetries} times
 * (defaults: 1 + 4 = 5 sends);</li>
 * <li>1001: one fresh token, then the call once more;</li>
 * <li>anything else: not repeated (the service would answer the same).</li>
 * </ul>
 * The edit stream is never repeated here (see {@link NemoClient#edit}). OkHttp's own
 * silent retry on connection failure is off: it would repeat a POST that costs credits
 * without us knowing.
 */
final class NemoHttp {

	private static final Log logger = LogFactory.getLog(NemoHttp.class);

	static final String SKILL_SOURCE = "add-background-music";

	private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

	private final NemoClientSettings settings;

	private final HttpUrl base;

	private final OkHttpClient http;

	private final OkHttpClient streaming;

	private final OkHttpClient sse;

	private final ObjectMapper json = new ObjectMapper();

	private final RateGate gate = new RateGate();

	NemoHttp(NemoClientSettings settings) {
		this.settings = settings;
		this.base = HttpUrl.get(settings.baseUrl() + "/");
		this.http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
			.followRedirects(true)
			.connectTimeout(settings.connectTimeout())
			.readTimeout(settings.readTimeout())
			.writeTimeout(settings.readTimeout())
			.callTimeout(settings.callTimeout())
			.build();
		// uploads and downloads of large files are bounded by the read timeout, not the call's length
		this.streaming = this.http.newBuilder().callTimeout(Duration.ZERO).build();
		this.sse = this.http.newBuilder().callTimeout(settings.editTimeout()).build();
	}

	NemoClientSettings settings() {
		return this.settings;
	}

	ObjectMapper json() {
		return this.json;
	}

	HttpUrl base() {
		return this.base;
	}

	RateGate gate() {
		return this.gate;
	}

	OkHttpClient streaming() {
		return this.streaming;
	}

	OkHttpClient sse() {
		return this.sse;
	}

	/** A plain call through the ladder. */
	Reply call(String what, Supplier<Request.Builder> request, TokenStore tokens) {
		return call(what, request, tokens, this.http);
	}

	/** A call whose body may be large (an upload): bounded by the read timeout, not a call deadline. */
	Reply callStreaming(String what, Supplier<Request.Builder> request, TokenStore tokens) {
		return call(what, request, tokens, this.streaming);
	}

	/**
	 * The retry ladder. Each exit that does not repeat says why.
	 * @param tokens where the token comes from, or null for the one unauthorized call (the token call)
	 */
	private Reply call(String what, Supplier<Request.Builder> request, TokenStore tokens, OkHttpClient client) {
		int failures = 0;
		int limited = 0;
		boolean renewedToken = false;
		while (true) {
			this.gate.awaitOpen();
			Request.Builder builder = attribute(request.get());
			String token = null;
			if (tokens != null) {
				token = tokens.token();
				builder.header("Authorization", "Bearer " + token);
			}
			Reply reply;
			try (Response response = client.newCall(builder.build()).execute()) {
				reply = Reply.read(response, this.json);
			}
			catch (IOException ex) {
				backoffOrGiveUp(++failures, what, describe(ex), NemoApiException.NO_ANSWER);
				continue;
			}
			if (reply.code() == 0) {
				return reply;
			}
			if (reply.rateLimited()) {
				pauseOrGiveUp(++limited, reply.retryAfter(), what);
				continue;
			}
			if (reply.serverError()) {
				backoffOrGiveUp(++failures, what, "HTTP " + reply.status(), reply.status());
				continue;
			}
			if (reply.tokenRefused() && tokens != null && !renewedToken) {
				renewedToken = true;
				tokens.renew(token);
				continue;
			}
			// a refusal: asking again would be answered the same way
			throw NemoApiException.answered(code(reply), what, redacted(reply.message(), tokens));
		}
	}

	/**
	 * The refusal of a call this layer never repeats (the edit message): a rate limit closes
	 * the gate for everyone, a refused token is renewed, so that a later attempt can pass.
	 */
	NemoApiException refusal(String what, Reply reply, String token, TokenStore tokens) {
		if (reply.rateLimited()) {
			this.gate.pause(retryAfter(reply.retryAfter()));
			return new NemoApiException(429, NemoApiException.Kind.NOT_TAKEN, what, "rate limited", 1);
		}
		if (reply.tokenRefused()) {
			tokens.renew(token);
			return new NemoApiException(NemoApiException.TOKEN_REFUSED, NemoApiException.Kind.NOT_TAKEN, what,
					"the token was refused", 1);
		}
		return NemoApiException.answered(code(reply), what, redacted(reply.message(), tokens));
	}

	/** A 429 seen outside the ladder's calls (a download): pause everyone, or give up past the bound. */
	void pauseOrGiveUp(int attempt, String retryAfterHeader, String what) {
		if (attempt > this.settings.max429Retries()) {
			// the service keeps refusing: the engine decides what that means for the item
			throw new NemoApiException(429, NemoApiException.Kind.GAVE_UP, what,
					"the service kept rate limiting us, " + (attempt - 1) + " waits in a row", attempt);
		}
		Duration wait = retryAfter(retryAfterHeader);
		logger.info("rate limited while trying to " + what + "; all workers pause for " + wait);
		this.gate.pause(wait);
	}

	/** Waits before the next attempt after a server error or a broken connection, or gives up past the bound. */
	void backoffOrGiveUp(int attempt, String what, String why, int code) {
		if (attempt > this.settings.maxRetries()) {
			throw new NemoApiException(code, NemoApiException.Kind.GAVE_UP, what, why, attempt);
		}
		long initial = this.settings.backoffInitial().toMillis();
		long delay = Math.min(this.settings.backoffMax().toMillis(), initial << Math.min(20, attempt - 1));
		logger.info("could not " + what + " (" + why + "); attempt " + (attempt + 1) + " in " + delay + " ms");
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NemoApiException(NemoApiException.INTERRUPTED, NemoApiException.Kind.NOT_TAKEN, what,
					"interrupted while waiting to retry", attempt);
		}
	}

	Duration retryAfter(String header) {
		Duration wait = this.settings.defaultRetryAfter();
		if (header != null) {
			try {
				wait = Duration.ofMillis(Math.round(Double.parseDouble(header.strip()) * 1000));
			}
			catch (NumberFormatException ex) {
				// an HTTP date or garbage: the default pause is the safe reading
			}
		}
		Duration max = this.settings.maxRetryAfter();
		return wait.compareTo(max) > 0 ? max : wait.isNegative() ? Duration.ZERO : wait;
	}

	Request.Builder attribute(Request.Builder builder) {
		return builder.header("X-Skill-Source", SKILL_SOURCE)
			.header("X-Skill-Version", this.settings.skillVersion())
			.header("X-Skill-Platform", this.settings.skillPlatform());
	}

	Request.Builder get(String path) {
		return new Request.Builder().url(url(path)).get();
	}

	Request.Builder post(String path, JsonNode body) {
		return new Request.Builder().url(url(path)).post(RequestBody.create(body.toString(), JSON));
	}

	HttpUrl url(String path) {
		return this.base.resolve(path);
	}

	/** Exception text without anything from the request: class and message only. */
	static String describe(IOException ex) {
		String kind = ex instanceof InterruptedIOException ? "timeout" : ex.getClass().getSimpleName();
		return ex.getMessage() == null ? kind : kind + ": " + ex.getMessage();
	}

	/** The code a refusal is known by: the service's, else the status (a 401 is a refused token). */
	private static int code(Reply reply) {
		return reply.status() == 401 && reply.code() == 401 ? NemoApiException.TOKEN_REFUSED : reply.code();
	}

	private static String redacted(String message, TokenStore tokens) {
		return tokens == null ? message : tokens.redact(message);
	}

	@Override
	public String toString() {
		return "NemoHttp[" + this.base + "]";
	}

}
