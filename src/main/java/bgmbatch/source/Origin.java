package bgmbatch.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Where a remote input's bytes come from (an HTTP server, an object store), reduced to
 * what a resumable fetch needs. An origin decides what its answers mean: it throws
 * {@link bgmbatch.engine.ItemRejectedException} for an input that can never be had as
 * given (404, access refused), {@link bgmbatch.engine.ItemFailedException} for one that
 * may work after a fix on our side, and {@link IOException} for trouble worth resuming
 * after a pause.
 */
interface Origin {

	/**
	 * Opens the input.
	 * @param from the offset to continue at, 0 for the whole input
	 * @param validator the identity of the version the bytes before {@code from} came
	 * from; the origin sends the whole input again (from 0) when it changed
	 */
	Opening open(long from, String validator) throws IOException;

	/** The address, masked, for messages. */
	String describe();

	/**
	 * An open transfer.
	 * @param body the bytes from {@code start} on, or null when there is nothing left to send
	 * @param start where the body begins: {@code from} when resumed, 0 when sent whole
	 * @param total the input's whole size, or -1 when not told
	 * @param validator the identity of this version ({@code etag:...} or {@code modified:...}),
	 * or null when the origin gives none
	 */
	record Opening(InputStream body, long start, long total, String validator) implements Closeable {

		@Override
		public void close() throws IOException {
			if (this.body != null) {
				this.body.close();
			}
		}

	}

	/** A refusal worth a pause and another try (429, 5xx), with the pause the server asked for, if any. */
	final class RetryLater extends IOException {

		private final transient Duration wait;

		RetryLater(String message, Duration wait) {
			super(message);
			this.wait = wait;
		}

		Duration waitAsked() {
			return this.wait;
		}

	}

}
