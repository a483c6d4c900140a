/**
 * The NemoVideo HTTP client, in layers: {@code NemoHttp} (attribution headers, both
 * response envelopes, the rate gate all workers share, the retry ladder, the one place
 * HTTP calls are retried), the endpoints on top ({@link bgmbatch.engine.nemo.client.NemoClient}),
 * the ranged download with its trickle guard ({@code RenderDownload}) and the token
 * ({@link bgmbatch.engine.nemo.client.TokenStore}, issued by {@code TokenIssuer}). Every
 * failure is one {@link bgmbatch.engine.nemo.client.NemoApiException}; it says what
 * happened, never what the job should do.
 * <p>
 * Imports OkHttp, okhttp-sse and Jackson, nothing of this project: its settings are its
 * own record ({@link bgmbatch.engine.nemo.client.NemoClientSettings}).
 */
package bgmbatch.engine.nemo.client;
