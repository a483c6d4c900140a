package bgmbatch.source;

import java.net.InetAddress;
import java.util.List;

import okhttp3.Dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production address policy, the masking of addresses, and how manifest values are read as addresses. */
class AddressRulesTest {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
			"169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "100.64.0.1", "0.0.0.0", "::", "224.0.0.1",
			"::ffff:10.0.0.1", "::ffff:127.0.0.1" })
	void internalAddressesAreRefused(String address) throws Exception {
		assertThat(AddressPolicy.publicOnly().refusal(InetAddress.getByName(address))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1" })
	void publicAddressesAreAllowed(String address) throws Exception {
		assertThat(AddressPolicy.publicOnly().refusal(InetAddress.getByName(address))).isNull();
	}

	@Test
	void aNameWithOneInternalAddressAmongPublicOnesIsRefused() throws Exception {
		Dns twoFaced = (host) -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"));
		AddressGuard guard = new AddressGuard(twoFaced, AddressPolicy.publicOnly());

		assertThatThrownBy(() -> guard.lookup("cdn.example.com")).isInstanceOf(AddressGuard.RefusedAddressException.class)
			.hasMessage("cdn.example.com resolves to 10.0.0.5, a private address");
	}

	@Test
	void maskingHidesUserinfoAndTheWholeQuery() {
		assertThat(SourceUrl.mask("https://user:pw@cdn.example.com/a/b.mp4?X-Amz-Signature=abc&x=1#t=5"))
			.isEqualTo("https://***@cdn.example.com/a/b.mp4?***");
		assertThat(SourceUrl.mask("https://cdn.example.com/b.mp4")).isEqualTo("https://cdn.example.com/b.mp4");
		assertThat(SourceUrl.mask("https://cdn.example.com?sig=1")).isEqualTo("https://cdn.example.com?***");
		assertThat(SourceUrl.mask("clips/b.mp4")).isEqualTo("clips/b.mp4");
	}

	@Test
	void manifestValuesAreAddressesOnlyWithAKnownScheme() {
		assertThat(SourceUrl.parse("clips/a.mp4")).isEmpty();
		assertThat(SourceUrl.parse("ftp://host/a.mp4")).isEmpty();
		assertThat(SourceUrl.parse("HTTPS://cdn.example.com/v/a%20b.mp4").orElseThrow().fileName()).isEqualTo("a b.mp4");
		SourceUrl s3 = SourceUrl.parse("s3://footage/in/street clip.mp4").orElseThrow();
		assertThat(s3.location().bucket()).isEqualTo("footage");
		assertThat(s3.location().key()).isEqualTo("in/street clip.mp4");
		assertThat(s3.fileName()).isEqualTo("street clip.mp4");
		assertThatThrownBy(() -> SourceUrl.parse("s3://footage")).hasMessageContaining("s3://bucket/key");
		assertThatThrownBy(() -> SourceUrl.parse("https:///a.mp4")).hasMessageContaining("host");
	}

}
