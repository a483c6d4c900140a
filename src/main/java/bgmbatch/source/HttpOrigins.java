package bgmbatch.source;

import java.net.Proxy;
import java.util.List;
import java.util.function.Function;

import bgmbatch.settings.RemoteProperties;

import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Makes the origins of http(s) inputs, with one HTTP client made on first use: a job
 * without an address never loads OkHttp (measured: 67 classes at start otherwise). No
 * Spring bean names an OkHttp type, since Spring's introspection of a bean would load it.
 */
final class HttpOrigins implements Function<SourceUrl, Origin> {

	private final List<HttpClientCustomizer> customizers;

	private final RemoteProperties properties;

	private volatile OkHttpClient client;

	HttpOrigins(List<HttpClientCustomizer> customizers, RemoteProperties properties) {
		this.customizers = List.copyOf(customizers);
		this.properties = properties;
	}

	@Override
	public Origin apply(SourceUrl url) {
		return new HttpOrigin(client(), url);
	}

	private OkHttpClient client() {
		OkHttpClient made = this.client;
		if (made == null) {
			synchronized (this) {
				made = this.client;
				if (made == null) {
					OkHttpClient.Builder builder = new OkHttpClient.Builder();
					this.customizers.forEach((customizer) -> customizer.customize(builder));
					made = guarded(builder, this.properties, Dns.SYSTEM);
					this.client = made;
				}
			}
		}
		return made;
	}

	/**
	 * The client for inputs: the address policy on every host it connects to, redirects
	 * left to {@link HttpOrigin} (which checks each hop), no proxy (a proxy would resolve the
	 * host itself, out of the policy's sight), no silent retries (the fetch resumes
	 * instead). Applied after the customizers, so none can take these off.
	 */
	static OkHttpClient guarded(OkHttpClient.Builder base, RemoteProperties properties, Dns resolver) {
		AddressPolicy policy = properties.allowPrivateUrls() ? AddressPolicy.any() : AddressPolicy.publicOnly();
		AddressGuard guard = new AddressGuard(resolver, policy);
		return base.dns(guard)
			.addNetworkInterceptor(guard)
			.proxy(Proxy.NO_PROXY)
			.followRedirects(false)
			.followSslRedirects(false)
			.retryOnConnectionFailure(false)
			.connectTimeout(properties.remote().connectTimeout())
			.readTimeout(properties.remote().readTimeout())
			.build();
	}

}
