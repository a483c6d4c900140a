package bgmbatch.engine.nemo.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Streams a finished render into a part file. A part left by a broken download is
 * continued with a Range request when the server honours it (206), else rewritten. Its
 * retries follow the same bounds as every other call ({@link NemoHttp}), counted per
 * download; every retry resumes where the last attempt stopped.
 */
final class RenderDownload {

	/**
	 * The slowest average a download may keep: 16 KiB/s still brings a 500 MB render (the
	 * service's largest) in under 9 hours; anything slower is a stalled connection.
	 */
	static final long MIN_DOWNLOAD_BYTES_PER_SECOND = 16 * 1024;

	private static final String WHAT = "download the render";

	private final NemoHttp http;

	private final TokenStore tokens;

	RenderDownload(NemoHttp http, TokenStore tokens) {
		this.http = http;
		this.tokens = tokens;
	}

	void fetch(RenderStatus render, Path target) {
		HttpUrl base = this.http.base();
		HttpUrl from = render.outputUrl() != null ? base.resolve(render.outputUrl()) : null;
		if (from == null) {
			from = this.http.url("api/render/proxy/" + render.id() + "/download");
		}
		// the token goes only to the service itself, never to a storage host it points at
		boolean ours = from.host().equals(base.host()) && from.port() == base.port();
		int failures = 0;
		int limited = 0;
		while (true) {
			this.http.gate().awaitOpen();
			long have = size(target);
			Request.Builder request = this.http.attribute(new Request.Builder().url(from).get());
			if (ours) {
				request.header("Authorization", "Bearer " + this.tokens.token());
			}
			if (have > 0) {
				request.header("Range", "bytes=" + have + "-");
			}
			try (Response response = this.http.streaming().newCall(request.build()).execute()) {
				int status = response.code();
				if (status == 416 && have > 0) {
					// nothing left to send: the part is whole (the caller's probe has the last word)
					return;
				}
				if (status == 429) {
					this.http.pauseOrGiveUp(++limited, response.header("Retry-After"), WHAT);
					continue;
				}
				if (status >= 500) {
					this.http.backoffOrGiveUp(++failures, WHAT, "HTTP " + status, status);
					continue;
				}
				if (status != 200 && status != 206) {
					// a refusal (a plan limit, a missing file): asking again would be answered the same way
					throw NemoApiException.answered(status, WHAT, "the download was refused (HTTP " + status + ")");
				}
				boolean append = status == 206 && have > 0;
				try (InputStream in = response.body().byteStream();
						OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
								append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
					copy(in, out);
				}
				return;
			}
			catch (IOException ex) {
				// what arrived stays in the part file; the next attempt asks for the rest
				this.http.backoffOrGiveUp(++failures, WHAT, NemoHttp.describe(ex), NemoApiException.NO_ANSWER);
			}
		}
	}

	/**
	 * Copies a download, refusing a trickle: the streaming client has no call deadline (a
	 * large render takes long), and a server sending a byte now and then never trips the
	 * read timeout, so without this floor a download could last forever. Once a read
	 * timeout's worth of time has passed, the average must stay above the floor; failing
	 * that, the attempt ends (what arrived is kept and the retry resumes with a Range).
	 */
	private void copy(InputStream in, OutputStream out) throws IOException {
		long start = System.nanoTime();
		long grace = this.http.settings().readTimeout().toNanos();
		long copied = 0;
		byte[] buffer = new byte[64 * 1024];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			out.write(buffer, 0, read);
			copied += read;
			long elapsed = System.nanoTime() - start;
			double rate = copied * 1e9 / Math.max(1, elapsed);
			if (elapsed > grace && rate < MIN_DOWNLOAD_BYTES_PER_SECOND) {
				throw new InterruptedIOException(String.format(Locale.ROOT,
						"the download trickles at %.0f bytes/s, below the %d bytes/s a live transfer keeps up", rate,
						MIN_DOWNLOAD_BYTES_PER_SECOND));
			}
		}
	}

	private static long size(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
