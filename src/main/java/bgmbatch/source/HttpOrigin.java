package bgmbatch.source;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;

import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An input on an HTTP(S) server. Redirects are followed here, not by OkHttp, so that each
 * hop is checked: it must be https, and a password from the address goes only to the host
 * it was written for. The address policy applies to every hop through the client's
 * {@link AddressGuard}.
 */
final class HttpOrigin implements Origin {

	/** As many as browsers' usual chains (a CDN, a signed redirect); more is a loop. */
	static final int MAX_REDIRECTS = 5;

	private final OkHttpClient client;

	private final SourceUrl source;

	private final HttpUrl url;

	private final String authorization;

	HttpOrigin(OkHttpClient client, SourceUrl source) {
		this.client = client;
		this.source = source;
		HttpUrl parsed = HttpUrl.get(source.text());
		this.authorization = parsed.username().isEmpty() ? null
				: Credentials.basic(parsed.username(), parsed.password());
		this.url = parsed.newBuilder().username("").password("").fragment(null).build();
	}

	@Override
	public String describe() {
		return this.source.masked();
	}

	@Override
	public Opening open(long from, String validator) throws IOException {
		Request.Builder request = new Request.Builder().get();
		if (from > 0 && validator != null) {
			request.header("Range", "bytes=" + from + "-").header("If-Range", validator.substring(validator.indexOf(':') + 1));
		}
		Response response = follow(request);
		int status = response.code();
		if (status == 200) {
			return new Opening(response.body().byteStream(), 0, contentLength(response), validator(response));
		}
		if (status == 206) {
			long start = rangeStart(response.header("Content-Range"));
			if (start != from) {
				// not the part we asked for: take it all again
				response.close();
				return open(0, null);
			}
			return new Opening(response.body().byteStream(), start, rangeTotal(response.header("Content-Range")),
					validator);
		}
		response.close();
		if (status == 416 && from > 0) {
			long total = rangeTotal(response.header("Content-Range"));
			return total == from ? new Opening(null, from, total, validator) : open(0, null);
		}
		throw refusal(status, response.header("Retry-After"));
	}

	private IOException refusal(int status, String retryAfter) {
		String what = "the server of " + describe() + " answered HTTP " + status;
		if (status == 404 || status == 410) {
			throw new ItemRejectedException(what + ": there is no file at that address");
		}
		if (status == 401 || status == 403) {
			throw new ItemRejectedException(what + ": access refused (a presigned link may have expired; "
					+ "give a new link in the manifest)");
		}
		if (status == 429 || status == 408 || status >= 500) {
			return new RetryLater(what, retryAfter(retryAfter));
		}
		throw new ItemRejectedException(what);
	}

	/** Sends the request, following redirects by hand (see the class comment). */
	private Response follow(Request.Builder request) throws IOException {
		HttpUrl current = this.url;
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			request.url(current);
			if (this.authorization != null && sameOrigin(current, this.url)) {
				request.header("Authorization", this.authorization);
			}
			else {
				request.removeHeader("Authorization");
			}
			Response response = execute(request.build());
			if (!response.isRedirect()) {
				return response;
			}
			String location = response.header("Location");
			response.close();
			HttpUrl next = location == null ? null : current.resolve(location);
			if (next == null) {
				throw new ItemRejectedException("the server of " + describe() + " redirected without a valid Location");
			}
			if (!next.isHttps()) {
				throw new ItemRejectedException("the server of " + describe() + " redirected to an address that is not "
						+ "https (" + SourceUrl.mask(next.toString()) + "); only https redirects are followed");
			}
			current = next;
		}
		throw new ItemRejectedException("the server of " + describe() + " redirected more than " + MAX_REDIRECTS
				+ " times");
	}

	private Response execute(Request request) throws IOException {
		try {
			return this.client.newCall(request).execute();
		}
		catch (AddressGuard.RefusedAddressException ex) {
			throw new ItemRejectedException("refusing to fetch " + describe() + ": " + ex.getMessage()
					+ "; a manifest may not reach internal addresses unless allow-private-urls=true is set", ex);
		}
		catch (SSLException ex) {
			throw new ItemFailedException("could not fetch " + describe() + ": the secure connection failed ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", ex);
		}
		catch (UnknownHostException ex) {
			// DNS may come back: a retry, then a failed (not skipped) item
			throw new IOException("the host name could not be resolved", ex);
		}
	}

	private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
		return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
	}

	/** A strong ETag, else Last-Modified: what If-Range can compare; a weak ETag cannot. */
	private static String validator(Response response) {
		String etag = response.header("ETag");
		if (etag != null && !etag.startsWith("W/")) {
			return "etag:" + etag;
		}
		String modified = response.header("Last-Modified");
		return modified == null ? null : "modified:" + modified;
	}

	private static long contentLength(Response response) {
		return response.body().contentLength();
	}

	/** {@code bytes 100-199/1000} → 100. */
	private static long rangeStart(String contentRange) {
		if (contentRange == null || !contentRange.toLowerCase(Locale.ROOT).startsWith("bytes ")) {
			return -1;
		}
		String range = contentRange.substring(6).strip();
		int dash = range.indexOf('-');
		try {
			return dash < 0 ? -1 : Long.parseLong(range.substring(0, dash).strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** {@code bytes 100-199/1000} or {@code bytes *}{@code /1000} → 1000; -1 when unknown. */
	private static long rangeTotal(String contentRange) {
		if (contentRange == null) {
			return -1;
		}
		int slash = contentRange.lastIndexOf('/');
		try {
			return slash < 0 ? -1 : Long.parseLong(contentRange.substring(slash + 1).strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Duration retryAfter(String header) {
		if (header == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(header.strip()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
