package bgmbatch.engine.nemo.client;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** Asks the service for an anonymous token: the one call made without a token. */
final class TokenIssuer implements TokenStore.Issuer {

	private static final String WHAT = "get an anonymous token";

	private final NemoHttp http;

	TokenIssuer(NemoHttp http) {
		this.http = http;
	}

	@Override
	public TokenStore.Issued issue(String clientId) {
		Reply reply;
		try {
			reply = this.http.call(WHAT,
					() -> this.http.post("api/auth/anonymous-token", this.http.json().createObjectNode())
						.header("X-Client-Id", clientId),
					null);
		}
		catch (NemoApiException ex) {
			if (ex.code() == 400) {
				// the token call's 400 means "client id missing or unknown"
				return null;
			}
			throw ex;
		}
		String token = reply.data().path("token").asText("");
		if (token.isEmpty()) {
			throw NemoApiException.badAnswer(WHAT, "the service issued no token");
		}
		return new TokenStore.Issued(token, instant(reply.data().path("expires_at")));
	}

	private static Instant instant(JsonNode node) {
		try {
			if (node.isNumber()) {
				long value = node.asLong();
				return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
			}
			if (node.isTextual()) {
				return Instant.parse(node.asText());
			}
		}
		catch (RuntimeException ex) {
			// unreadable: the default lifetime applies
		}
		return null;
	}

}
