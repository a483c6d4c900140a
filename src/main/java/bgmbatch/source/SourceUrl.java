package bgmbatch.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An input given as an address instead of a file: {@code https://}, {@code http://} or
 * {@code s3://bucket/key}. The full text may hold secrets (a password in the userinfo, a
 * presigned query string), so everything shown to a person goes through {@link #masked()}.
 *
 * @param text the address exactly as the manifest gives it
 * @param scheme {@code https}, {@code http} or {@code s3}, lower case
 */
public record SourceUrl(String text, String scheme) {

	/** Whether a manifest value is an address rather than a path. */
	public static boolean looksLikeUrl(String value) {
		String lower = value.strip().toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("s3://");
	}

	/**
	 * Parses an address.
	 * @return empty when the value is not an address at all (a path)
	 * @throws IllegalArgumentException when it is meant as one but is malformed, with the reason
	 */
	public static Optional<SourceUrl> parse(String value) {
		if (!looksLikeUrl(value)) {
			return Optional.empty();
		}
		String text = value.strip();
		if (text.toLowerCase(Locale.ROOT).startsWith("s3://")) {
			// object keys are taken as written (spaces and all), not as URI syntax
			String key = bgmbatch.storage.S3Location.parse(text).key();
			if (key.isEmpty() || key.endsWith("/")) {
				throw new IllegalArgumentException("an s3 address needs an object key after the bucket: s3://bucket/key");
			}
			return Optional.of(new SourceUrl(text, "s3"));
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a valid address: " + ex.getReason());
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
			throw new IllegalArgumentException(scheme.equals("s3") ? "an s3 address needs a bucket: s3://bucket/key"
					: "the address has no host");
		}
		SourceUrl url = new SourceUrl(text, scheme);
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("the address has no valid host name");
		}
		return Optional.of(url);
	}

	public boolean isS3() {
		return this.scheme.equals("s3");
	}

	public boolean isHttps() {
		return this.scheme.equals("https");
	}

	/** The bucket and key of an {@code s3://} address. */
	public bgmbatch.storage.S3Location location() {
		return bgmbatch.storage.S3Location.parse(this.text);
	}

	public URI uri() {
		return URI.create(this.text);
	}

	/**
	 * The address without anything secret: the userinfo and the whole query string (a
	 * presigned URL's signature lives there, under names no list could cover) become
	 * {@code ***}; the fragment is dropped.
	 */
	public String masked() {
		return mask(this.text);
	}

	/** Masks any address-shaped text; text that is no address is returned as it is. */
	public static String mask(String text) {
		int schemeEnd = text.indexOf("://");
		if (schemeEnd < 0) {
			return text;
		}
		int authorityStart = schemeEnd + 3;
		int pathStart = indexOfAny(text, "/?#", authorityStart);
		String authority = text.substring(authorityStart, pathStart < 0 ? text.length() : pathStart);
		String rest = pathStart < 0 ? "" : text.substring(pathStart);
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			authority = "***@" + authority.substring(at + 1);
		}
		int fragment = rest.indexOf('#');
		if (fragment >= 0) {
			rest = rest.substring(0, fragment);
		}
		int query = rest.indexOf('?');
		if (query >= 0) {
			rest = rest.substring(0, query) + "?***";
		}
		return text.substring(0, authorityStart) + authority + rest;
	}

	/** The last path segment, decoded: what the file would be called (may be empty). */
	public String fileName() {
		if (isS3()) {
			String key = location().key();
			return key.substring(key.lastIndexOf('/') + 1);
		}
		String path = uri().getRawPath();
		if (path == null) {
			return "";
		}
		String last = path.substring(path.lastIndexOf('/') + 1);
		return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/** Never the secret parts: records print their components, and this one ends up in messages. */
	@Override
	public String toString() {
		return masked();
	}

	private static int indexOfAny(String text, String chars, int from) {
		for (int i = from; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

}
