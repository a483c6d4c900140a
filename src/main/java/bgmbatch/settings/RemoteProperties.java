package bgmbatch.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of inputs given by address. A group of {@link BgmProperties} (on the command line
 * {@code allow-private-urls=true}, {@code remote.cache-size=50GB}...).
 *
 * @param allowPrivateUrls let manifest rows fetch from loopback, link-local and private
 * addresses (internal services); off, so a manifest cannot make the job read them
 * @param allowHttpUrls accept {@code http://} inputs (unencrypted); redirects must go to
 * https whatever this says
 * @param remote limits and timeouts of fetching
 */
@ConfigurationPropertiesSource
public record RemoteProperties(@DefaultValue("false") boolean allowPrivateUrls,
		@DefaultValue("false") boolean allowHttpUrls, @DefaultValue Remote remote) {

	/**
	 * @param maxSize the largest input fetched; a larger one skips its item
	 * @param cacheSize the most the input cache in the state folder may hold; the least
	 * recently used inputs not in use are removed past it
	 * @param connectTimeout connect timeout of a fetch
	 * @param readTimeout longest silence while fetching; after it, the fetch resumes where
	 * it stopped
	 * @param maxRetries how often a broken or refused (5xx, 429) fetch is resumed before the
	 * item fails
	 * @param backoffInitial the first pause before a retry; it doubles each time
	 * @param backoffMax the longest pause before a retry
	 */
	public record Remote(@DefaultValue("4GB") DataSize maxSize, @DefaultValue("20GB") DataSize cacheSize,
			@DefaultValue("15s") Duration connectTimeout, @DefaultValue("2m") Duration readTimeout,
			@DefaultValue("4") int maxRetries, @DefaultValue("1s") Duration backoffInitial,
			@DefaultValue("30s") Duration backoffMax) {

		public Remote {
			Settings.positive("remote.max-size", maxSize, "remote.max-size=4GB");
			Settings.positive("remote.cache-size", cacheSize, "remote.cache-size=20GB");
			Settings.positive("remote.connect-timeout", connectTimeout, "remote.connect-timeout=15s");
			Settings.positive("remote.read-timeout", readTimeout, "remote.read-timeout=2m");
			Settings.atLeast("remote.max-retries", maxRetries, 0, "remote.max-retries=4");
			Settings.positive("remote.backoff-initial", backoffInitial, "remote.backoff-initial=1s");
			Settings.positive("remote.backoff-max", backoffMax, "remote.backoff-max=30s");
		}

	}

}
