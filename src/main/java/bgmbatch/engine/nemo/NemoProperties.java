package bgmbatch.engine.nemo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import bgmbatch.engine.nemo.client.NemoClientSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Settings of the NemoVideo cloud engine ({@code bgm.nemo.*}, on the command line
 * {@code nemo.name=value}). Every wait is a setting so tests can shrink it.
 *
 * @param baseUrl the service's address
 * @param token a user token; bound from the environment variable {@code NEMO_TOKEN} (see
 * application.properties); when empty an anonymous token is obtained and cached
 * @param skillPlatform sent as {@code X-Skill-Platform}: {@code unknown}, {@code clawhub} or {@code cursor}
 * @param skillVersion sent as {@code X-Skill-Version}
 * @param pollInterval pause between two polls of a render or of the draft state
 * @param renderTimeout the longest a render may take before the item fails (the render id is kept)
 * @param sseDropWait how long to wait after a dropped edit stream before checking the draft
 * @param statePolls how often the draft is checked for music before the item fails
 * @param creditsPerItem credits one item costs (session and edit together)
 * @param creditMargin credits kept in reserve on top of one item's cost
 * @param retryEdit send the instruction a second time when the draft has no music after the
 * edit; off by default because it costs credits again
 * @param max429Retries how many "429 rate limited" answers one call tolerates before giving up
 * @param defaultRetryAfter the pause after a 429 that names no Retry-After
 * @param maxRetryAfter the longest pause a Retry-After may impose
 * @param maxRetries how often a call is repeated after a server error, timeout or reset
 * @param backoffInitial the first pause after a server error; it doubles per attempt
 * @param backoffMax the longest pause after a server error
 * @param connectTimeout connect timeout of every call
 * @param readTimeout longest silence while reading an answer; for the edit stream it must exceed
 * the heartbeat interval
 * @param callTimeout the longest a plain call may take (uploads and downloads are bounded by
 * the read timeout instead, so large files work)
 * @param editTimeout the longest an edit stream may run (the service allows 15 minutes)
 */
@ConfigurationProperties("bgm.nemo")
public record NemoProperties(@DefaultValue("https://mega-api-prod.nemovideo.ai") String baseUrl, String token,
		@DefaultValue("unknown") String skillPlatform, @DefaultValue("0.1.0") String skillVersion,
		@DefaultValue("30s") Duration pollInterval, @DefaultValue("20m") Duration renderTimeout,
		@DefaultValue("30s") Duration sseDropWait, @DefaultValue("5") int statePolls,
		@DefaultValue("50") int creditsPerItem, @DefaultValue("10") int creditMargin,
		@DefaultValue("false") boolean retryEdit, @DefaultValue("5") int max429Retries,
		@DefaultValue("30s") Duration defaultRetryAfter, @DefaultValue("5m") Duration maxRetryAfter,
		@DefaultValue("4") int maxRetries, @DefaultValue("1s") Duration backoffInitial,
		@DefaultValue("30s") Duration backoffMax, @DefaultValue("15s") Duration connectTimeout,
		@DefaultValue("2m") Duration readTimeout, @DefaultValue("5m") Duration callTimeout,
		@DefaultValue("16m") Duration editTimeout) {

	public NemoProperties {
		token = token == null || token.isBlank() ? null : token.strip();
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/**
	 * The settings Spring binds from these {@code bgm.nemo.*} values (keys without the
	 * prefix, e.g. {@code poll-interval=5ms}), every other one at its default: for code and
	 * tests that make settings without a context, instead of 21 positional arguments.
	 */
	public static NemoProperties of(Map<String, String> values) {
		Map<String, String> properties = new HashMap<>();
		values.forEach((name, value) -> properties.put("bgm.nemo." + name, value));
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("bgm.nemo", NemoProperties.class);
	}

	/** Credits the balance must hold before an item's session or edit is paid for. */
	public int creditsNeededPerItem() {
		return this.creditsPerItem + this.creditMargin;
	}

	/** What the client needs of these settings (it knows nothing of credits or polling). */
	public NemoClientSettings client() {
		return new NemoClientSettings(this.baseUrl, this.token, this.skillPlatform, this.skillVersion,
				this.max429Retries, this.defaultRetryAfter, this.maxRetryAfter, this.maxRetries, this.backoffInitial,
				this.backoffMax, this.connectTimeout, this.readTimeout, this.callTimeout, this.editTimeout);
	}

	/** Never the token itself: records print their components. */
	@Override
	public String toString() {
		return "NemoProperties[baseUrl=" + this.baseUrl + ", token=" + (this.token == null ? "none" : "***") + "]";
	}

}
