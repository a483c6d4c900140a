package bgmbatch.engine.nemo.fake;

import okhttp3.Headers;

/**
 * One request the fake received, with what it answered.
 *
 * @param seq arrival order
 * @param arrivedNanos {@link System#nanoTime()} on arrival
 * @param answeredNanos {@link System#nanoTime()} when the answer was chosen
 * @param method the method
 * @param path the path without query
 * @param headers the request headers
 * @param body the body as text (multipart bodies are summarized)
 * @param status the HTTP status answered
 */
public record RecordedCall(int seq, long arrivedNanos, long answeredNanos, String method, String path,
		Headers headers, String body, int status) {

	public boolean is(String method, String pathPrefix) {
		return this.method.equals(method) && this.path.startsWith(pathPrefix);
	}

	public boolean isSse() {
		return is("POST", "/run_sse");
	}

}
