package bgmbatch.source;

import okhttp3.OkHttpClient;

/**
 * Adjusts the HTTP client inputs are fetched with, before the address policy and the
 * redirect rules are put on it (which no customizer can take off): e.g. a trust store.
 */
@FunctionalInterface
public interface HttpClientCustomizer {

	void customize(OkHttpClient.Builder builder);

}
