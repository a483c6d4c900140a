package bgmbatch.engine.nemo;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.engine.nemo.client.NemoApiException;

/**
 * What the client's failures mean for the item and the job, and what the operator is
 * told. This is where retries are bounded: the client's ladder retries every plain call
 * (at most 1 + {@code max-retries} sends, 1 + {@code max-429-retries} after rate limits,
 * one fresh token), and a call that runs out of them fails the item, never a
 * {@link TransientEngineException}, so the step's retry does not multiply the bound: the
 * next run tries the item again. The one failure handed to the step's retry is the edit
 * message refused before the service took it ({@link NemoApiException.Kind#NOT_TAKEN}),
 * which the client never repeats itself: at most 1 + {@code item-retries} sends.
 */
final class NemoFailures {

	private NemoFailures() {
	}

	/** Runs a stage, translating the client's failures into the engine port's. */
	static <T> T translated(Supplier<T> stage) {
		try {
			return stage.get();
		}
		catch (NemoApiException ex) {
			throw translate(ex);
		}
		catch (UncheckedIOException ex) {
			// the token's files in the state folder: this machine's problem, the item is tried again
			throw new ItemFailedException(ex.getMessage(), ex);
		}
	}

	/**
	 * Whether the service refused the call for this item alone, in a way another path may
	 * avoid (an address it could not fetch): not the session gone, not a stop for the job,
	 * not a skip, not transient failures the client already gave up on.
	 */
	static boolean failsOnlyTheItem(NemoApiException ex) {
		return ex.kind() == NemoApiException.Kind.ANSWERED && !ex.sessionGone()
				&& translate(ex) instanceof ItemFailedException;
	}

	static RuntimeException translate(NemoApiException ex) {
		return switch (ex.kind()) {
			case GIVEN_TOKEN_REFUSED -> new JobHaltException("the service refused the token given in NEMO_TOKEN (code "
					+ "1001: invalid or expired); set a valid token, or unset NEMO_TOKEN to use an anonymous one, and "
					+ "run again", ex);
			case NOT_TAKEN -> new TransientEngineException(notTaken(ex), ex);
			case GAVE_UP -> new ItemFailedException(gaveUp(ex), ex);
			case ANSWERED -> answered(ex);
		};
	}

	private static String notTaken(NemoApiException ex) {
		return switch (ex.code()) {
			case 429 -> "the service was rate limiting and refused to " + ex.action() + " (429)";
			case NemoApiException.TOKEN_REFUSED -> "the service refused the token before it would " + ex.action()
					+ " (1001)";
			default -> "interrupted while trying to " + ex.action();
		};
	}

	private static String gaveUp(NemoApiException ex) {
		if (ex.code() == 429) {
			return "the service kept rate limiting us (429) while trying to " + ex.action() + ", "
					+ (ex.attempts() - 1) + " waits in a row; the next run tries this item again";
		}
		return "could not " + ex.action() + " after " + ex.attempts() + " attempts (" + ex.detail()
				+ "); the next run tries this item again";
	}

	private static RuntimeException answered(NemoApiException ex) {
		String said = ex.detail() == null ? "" : ": " + ex.detail();
		return switch (ex.code()) {
			// every further call would be refused the same way until someone tops up
			case NemoApiException.NO_CREDITS -> new JobHaltException("out of NemoVideo credits: the service refused to "
					+ ex.action() + " (code 2001); top up and run the same command again", ex);
			case NemoApiException.PLAN_LIMIT -> new JobHaltException("the NemoVideo plan does not allow exports (HTTP "
					+ "402): this is a plan limit, not a lack of credits; upgrade the plan and run the same command again",
					ex);
			case NemoApiException.SESSION_GONE -> new ItemFailedException(
					"the NemoVideo session is gone (code 1002) while trying to " + ex.action(), ex);
			case NemoApiException.UNSUPPORTED_TYPE -> new ItemRejectedException(
					"NemoVideo does not accept this file type (code 4001)" + said, ex);
			case NemoApiException.TOO_LARGE -> new ItemRejectedException(
					"the file is larger than NemoVideo accepts (code 4002)" + said, ex);
			case NemoApiException.TOKEN_REFUSED -> new JobHaltException(
					"the service refused a freshly issued token (code 1001)" + said, ex);
			case 404 -> new ItemFailedException("the service does not know what we asked for while trying to "
					+ ex.action() + " (HTTP 404)", ex);
			case NemoApiException.BAD_ANSWER -> new ItemFailedException(ex.detail(), ex);
			default -> new ItemFailedException("could not " + ex.action() + " (code " + ex.code() + ")" + said, ex);
		};
	}

}
