package bgmbatch.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps fetches away from addresses the {@link AddressPolicy} forbids, at two points
 * OkHttp passes for every host it connects to, redirects included: name resolution (a
 * name is refused before any connection if one of its addresses is), and, for addresses
 * written as IP literals (which OkHttp does not resolve), the connection itself, before a
 * request is sent on it. Both see the very addresses the connection uses, so a name that
 * resolved to a public address when first looked at and to an internal one a moment later
 * (DNS rebinding) is still caught.
 */
final class AddressGuard implements Dns, Interceptor {

	private final Dns resolver;

	private final AddressPolicy policy;

	AddressGuard(Dns resolver, AddressPolicy policy) {
		this.resolver = resolver;
		this.policy = policy;
	}

	@Override
	public List<InetAddress> lookup(String hostname) throws UnknownHostException {
		List<InetAddress> addresses = this.resolver.lookup(hostname);
		for (InetAddress address : addresses) {
			check(hostname, address);
		}
		return addresses;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Connection connection = chain.connection();
		if (connection != null) {
			check(chain.request().url().host(), connection.route().socketAddress().getAddress());
		}
		return chain.proceed(chain.request());
	}

	private void check(String host, InetAddress address) throws RefusedAddressException {
		String refusal = this.policy.refusal(address);
		if (refusal != null) {
			// one bad address refuses the name: the connection may try them in any order
			String named = host.equals(address.getHostAddress()) ? host : host + " resolves to " + address.getHostAddress();
			throw new RefusedAddressException(named + ", " + refusal);
		}
	}

	/** The host is, or resolves to, an address the policy refuses. */
	static final class RefusedAddressException extends UnknownHostException {

		RefusedAddressException(String message) {
			super(message);
		}

	}

}
