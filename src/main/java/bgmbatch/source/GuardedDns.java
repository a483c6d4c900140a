package bgmbatch.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import okhttp3.Dns;

/**
 * Name resolution that refuses addresses the {@link AddressPolicy} forbids. It sits where
 * OkHttp resolves every host it connects to, redirects included, so the check is made on
 * the very addresses the connection uses: a name that resolved to a public address when
 * first looked at and to an internal one a moment later (DNS rebinding) is still caught.
 */
final class GuardedDns implements Dns {

	private final Dns resolver;

	private final AddressPolicy policy;

	GuardedDns(Dns resolver, AddressPolicy policy) {
		this.resolver = resolver;
		this.policy = policy;
	}

	@Override
	public List<InetAddress> lookup(String hostname) throws UnknownHostException {
		List<InetAddress> addresses = this.resolver.lookup(hostname);
		for (InetAddress address : addresses) {
			String refusal = this.policy.refusal(address);
			if (refusal != null) {
				// one bad address refuses the name: the connection may try them in any order
				throw new RefusedAddressException(hostname + " resolves to " + address.getHostAddress() + ", " + refusal);
			}
		}
		return addresses;
	}

	/** The host resolves to an address the policy refuses. */
	static final class RefusedAddressException extends UnknownHostException {

		RefusedAddressException(String message) {
			super(message);
		}

	}

}
