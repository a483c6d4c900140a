package bgmbatch.engine.nemo.client;

/**
 * The one failure the client throws: what it was trying to do, the service's code, and
 * whether the client's retry ladder already ran for it. It carries no job policy: the
 * engine decides what a code means for the item and the job, and what to tell the operator.
 * The message never holds a token (the service's own message is redacted first).
 */
public final class NemoApiException extends RuntimeException {

	/** No answer came: a reset, a timeout, a refused connection. */
	public static final int NO_ANSWER = -1;

	/** An answer came but lacked what the contract promises (no session id, no file URL, no token). */
	public static final int BAD_ANSWER = -2;

	/** The thread was interrupted while waiting out a pause. */
	public static final int INTERRUPTED = -3;

	/** Code 1002: the session is gone. */
	public static final int SESSION_GONE = 1002;

	/** Code 1001 (or HTTP 401): the token was refused. */
	public static final int TOKEN_REFUSED = 1001;

	/** Code 2001: not enough credits. */
	public static final int NO_CREDITS = 2001;

	/** HTTP 402: the plan does not allow it. */
	public static final int PLAN_LIMIT = 402;

	/** Code 4001: unsupported file type. */
	public static final int UNSUPPORTED_TYPE = 4001;

	/** Code 4002: file too large. */
	public static final int TOO_LARGE = 4002;

	/** How the failure came about. */
	public enum Kind {

		/** The service answered with this code; repeating the call would be answered the same way. */
		ANSWERED,

		/** A transient failure (429, 5xx, no answer) that the client's ladder retried until its bound. */
		GAVE_UP,

		/**
		 * A refusal (429, an expired token) of a call the client never repeats, the edit message:
		 * the service did not take it, so sending it later pays nothing twice.
		 */
		NOT_TAKEN,

		/** The token given by the user was refused: no other token may be used in its place. */
		GIVEN_TOKEN_REFUSED

	}

	private final int code;

	private final Kind kind;

	private final String action;

	private final String detail;

	private final int attempts;

	/**
	 * @param code the service's code, else the HTTP status, else one of {@link #NO_ANSWER},
	 * {@link #BAD_ANSWER}, {@link #INTERRUPTED}
	 * @param kind how it came about
	 * @param action what was being done, e.g. "check the credit balance"
	 * @param detail the service's message or the transport's reason, redacted; may be null
	 * @param attempts how often the call was sent
	 */
	public NemoApiException(int code, Kind kind, String action, String detail, int attempts) {
		super(kind == Kind.GAVE_UP ? "could not " + action + " after " + attempts + " attempts (" + detail + ")"
				: "could not " + action + " (code " + code + ")" + (detail == null ? "" : ": " + detail));
		this.code = code;
		this.kind = kind;
		this.action = action;
		this.detail = detail;
		this.attempts = attempts;
	}

	static NemoApiException answered(int code, String action, String detail) {
		return new NemoApiException(code, Kind.ANSWERED, action, detail, 1);
	}

	static NemoApiException badAnswer(String action, String detail) {
		return new NemoApiException(BAD_ANSWER, Kind.ANSWERED, action, detail, 1);
	}

	public int code() {
		return this.code;
	}

	public Kind kind() {
		return this.kind;
	}

	public String action() {
		return this.action;
	}

	/** The service's message or the transport's reason, or null. */
	public String detail() {
		return this.detail;
	}

	public int attempts() {
		return this.attempts;
	}

	public boolean sessionGone() {
		return this.code == SESSION_GONE;
	}

}
