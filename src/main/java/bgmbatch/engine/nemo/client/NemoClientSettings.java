package bgmbatch.engine.nemo.client;

import java.time.Duration;

/**
 * What the client needs to know, and nothing of the job: where the service is, how to
 * introduce itself, how long to wait, how often to try again.
 *
 * @param baseUrl the service's address, without a trailing slash
 * @param token a token given by the user, or null for an anonymous one
 * @param skillPlatform sent as {@code X-Skill-Platform}
 * @param skillVersion sent as {@code X-Skill-Version}
 * @param max429Retries how many "429 rate limited" answers one call tolerates before giving up
 * @param defaultRetryAfter the pause after a 429 that names no Retry-After
 * @param maxRetryAfter the longest pause a Retry-After may impose
 * @param maxRetries how often a call is repeated after a server error, timeout or reset
 * @param backoffInitial the first pause after a server error; it doubles per attempt
 * @param backoffMax the longest pause after a server error
 * @param connectTimeout connect timeout of every call
 * @param readTimeout longest silence while reading an answer (and the grace before the
 * download's trickle guard applies)
 * @param callTimeout the longest a plain call may take
 * @param editTimeout the longest an edit stream may run
 */
public record NemoClientSettings(String baseUrl, String token, String skillPlatform, String skillVersion,
		int max429Retries, Duration defaultRetryAfter, Duration maxRetryAfter, int maxRetries, Duration backoffInitial,
		Duration backoffMax, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
		Duration editTimeout) {

	public NemoClientSettings {
		token = token == null || token.isBlank() ? null : token.strip();
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The same settings with a token given by the user. */
	public NemoClientSettings withToken(String token) {
		return new NemoClientSettings(this.baseUrl, token, this.skillPlatform, this.skillVersion, this.max429Retries,
				this.defaultRetryAfter, this.maxRetryAfter, this.maxRetries, this.backoffInitial, this.backoffMax,
				this.connectTimeout, this.readTimeout, this.callTimeout, this.editTimeout);
	}

	/** The same settings with another read timeout. */
	public NemoClientSettings withReadTimeout(Duration readTimeout) {
		return new NemoClientSettings(this.baseUrl, this.token, this.skillPlatform, this.skillVersion,
				this.max429Retries, this.defaultRetryAfter, this.maxRetryAfter, this.maxRetries, this.backoffInitial,
				this.backoffMax, this.connectTimeout, readTimeout, this.callTimeout, this.editTimeout);
	}

	/** Never the token itself: records print their components. */
	@Override
	public String toString() {
		return "NemoClientSettings[baseUrl=" + this.baseUrl + ", token=" + (this.token == null ? "none" : "***") + "]";
	}

}
