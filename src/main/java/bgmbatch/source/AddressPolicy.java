package bgmbatch.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a manifest may make the job connect to. A manifest is data, often
 * written by someone else: without this check a row could point the job at an internal
 * service (a cloud metadata endpoint, an admin page on the LAN) and have its answer
 * fetched, and reported.
 */
@FunctionalInterface
public interface AddressPolicy {

	/** Why the address is refused, or null when it is allowed. */
	String refusal(InetAddress address);

	/** Every address allowed: {@code allow-private-urls=true}. */
	static AddressPolicy any() {
		return (address) -> null;
	}

	/**
	 * Public addresses only: refuses loopback, link-local (169.254/16 — cloud metadata —
	 * and fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT
	 * (100.64/10), the unspecified address and multicast, also when written as an
	 * IPv4-mapped IPv6 address.
	 */
	static AddressPolicy publicOnly() {
		return AddressPolicy::nonPublicKind;
	}

	private static String nonPublicKind(InetAddress address) {
		InetAddress plain = unmapped(address);
		if (plain.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (plain.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (plain.isAnyLocalAddress()) {
			return "the unspecified address";
		}
		if (plain.isMulticastAddress()) {
			return "a multicast address";
		}
		if (plain.isSiteLocalAddress()) {
			return "a private address";
		}
		byte[] bytes = plain.getAddress();
		if (plain instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			if (first == 0) {
				return "a 'this network' address";
			}
			if (first == 100 && second >= 64 && second < 128) {
				return "a carrier-grade NAT address";
			}
		}
		if (plain instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
			return "a private (unique local) address";
		}
		return null;
	}

	/** ::ffff:10.0.0.1 is 10.0.0.1 to the network stack; the JDK's tests would not see it. */
	private static InetAddress unmapped(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != 16) {
			return address;
		}
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return address;
			}
		}
		if ((bytes[10] & 0xff) != 0xff || (bytes[11] & 0xff) != 0xff) {
			return address;
		}
		try {
			return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException("four bytes are always an IPv4 address", ex);
		}
	}

}
