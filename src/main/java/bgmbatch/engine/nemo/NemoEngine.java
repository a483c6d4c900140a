package bgmbatch.engine.nemo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import bgmbatch.engine.CreditsInFlight;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.LocalCopies;
import bgmbatch.engine.Plan;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.Draft;
import bgmbatch.engine.nemo.client.EditStream;
import bgmbatch.engine.nemo.client.NemoApiException;
import bgmbatch.engine.nemo.client.NemoClient;

/**
 * The NemoVideo cloud engine. Per item: a session and a streamed upload (upload), the
 * instruction sent once over the edit stream (edit), the draft checked for music (verify),
 * a render submitted under an id recorded first (export), the render polled and streamed
 * into the part file (download).
 * <p>
 * Never paying twice rests on write-ahead handles: "edit sent" (the intent) is committed
 * before the message goes out and "edit accepted" once the service has answered it; an
 * accepted message is never sent again (the draft is checked instead). A message whose
 * fate is unknown (sent, never answered) is judged by the draft: no music after the usual
 * wait means the service never took it, and it goes to a new session with a new upload,
 * never a second time into the same session. The render id is committed before the render
 * is submitted, and a restart polls that id ({@link Renders}). Sessions ({@link Sessions})
 * are opened through the {@link CreditGate}, so none is opened that the balance cannot
 * finish. The client's failures become the port's through {@link NemoFailures}, which
 * also bounds the retries.
 */
public final class NemoEngine implements EditingEngine {

	static final String SESSION = "nemo.session";

	static final String FILE_URL = "nemo.file";

	/** Write-ahead: an upload into the session began (a kill may have cut it, or only its record). */
	static final String UPLOAD_STARTED = "nemo.upload.started";

	static final String UPLOADED_BY_INTERRUPTED_ATTEMPT = "uploaded by an interrupted attempt";

	static final String EDIT_SENT = "nemo.edit.sent";

	/** The service answered the edit request (its stream opened): the message was taken, and paid for. */
	static final String EDIT_ACCEPTED = "nemo.edit.accepted";

	/**
	 * The session the instruction was first sent into, when the service never took it there
	 * and it was sent again in a new session: kept for the report.
	 */
	static final String EDIT_RESENT = "nemo.edit.resent";

	static final String EDIT_RETRIED = "nemo.edit.retried";

	static final String REPLY = "nemo.reply";

	static final String TRACKS = "nemo.tracks";

	static final String RENDER = "nemo.render";

	static final String RENDER_RETRIED = "nemo.render.retried";

	static final String RENDER_STATUS = "nemo.render.status";

	/** What each stage does on the service. */
	static final StageWords WORDS = new StageWords("uploading", "editing", "verifying", "rendering", "downloading");

	/** Replies are kept for the report, not as transcripts. */
	private static final int MAX_REPLY = 1000;

	private final NemoClient client;

	private final NemoProperties properties;

	private final Renders renders;

	private final Sessions sessions;

	/** @param inFlight the credits the job's items in flight hold, from the ledger */
	public NemoEngine(NemoClient client, NemoProperties properties, CreditsInFlight inFlight) {
		this(client, properties, inFlight, (item, journal) -> item);
	}

	/**
	 * @param inFlight the credits the job's items in flight hold, from the ledger
	 * @param copies fetches an item's remote video when the service could not fetch its
	 * address itself
	 */
	public NemoEngine(NemoClient client, NemoProperties properties, CreditsInFlight inFlight, LocalCopies copies) {
		this.client = client;
		this.properties = properties;
		this.renders = new Renders(client, properties);
		this.sessions = new Sessions(client, new CreditGate(client, properties, inFlight), copies);
	}

	/**
	 * The clip is read to upload it: at the upload stage, and at the edit and verify stages,
	 * which replace a session the service lost by a new one with a new upload. An https
	 * address goes to the service's URL upload as it is: the service fetches the video, and
	 * we read nothing.
	 */
	@Override
	public boolean readsInputs(Stage stage, WorkItem item) {
		return !UploadCheck.byAddress(item) && (stage == Stage.UPLOAD || stage == Stage.EDIT || stage == Stage.VERIFY);
	}

	@Override
	public void checkReady() {
		NemoFailures.translated(() -> {
			this.client.ensureToken();
			return null;
		});
	}

	@Override
	public StageWords stageWords() {
		return WORDS;
	}

	/** Prints per item what would be sent and what the run would cost, and spends nothing. */
	@Override
	public boolean dryRun(Stream<WorkItem> items, PrintStream out) {
		return NemoFailures.translated(() -> new UploadCheck(this.client, this.properties).dryRun(items, out));
	}

	@Override
	public Stage redoStageForMissingOutput() {
		// the render id is kept, so the finished render can be fetched again for free
		return Stage.DOWNLOAD;
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		return NemoFailures.translated(() -> uploadStage(item, journal));
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		return NemoFailures.translated(() -> editStage(item, journal));
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		return NemoFailures.translated(() -> verifyStage(item, journal));
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		return NemoFailures.translated(() -> this.renders.export(item, journal));
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		return NemoFailures.translated(() -> this.renders.download(item, journal));
	}

	private StageResult uploadStage(WorkItem item, Journal journal) {
		UploadCheck.require(item);
		this.sessions.uploaded(item, journal);
		return StageResult.none();
	}

	private StageResult editStage(WorkItem item, Journal journal) {
		String resentFrom = item.handle(EDIT_RESENT);
		String current = item.handle(SESSION);
		if (resentFrom != null && (current == null || current.equals(resentFrom))) {
			// an attempt was replacing the session the instruction never reached and stopped halfway:
			// what is left of that session's handles is stale, and nothing is ever sent into it
			return send(item, this.sessions.reopen(item, journal), journal, true);
		}
		String session = this.sessions.uploaded(item, journal);
		boolean resent = resentFrom != null;
		try {
			if (item.handle(EDIT_SENT) == null) {
				return send(item, session, journal, resent);
			}
			if (item.handle(EDIT_ACCEPTED) != null) {
				// the service took it from an attempt that never finished: sending again would pay twice
				awaitMusic(session, "the instruction was sent by an earlier, interrupted attempt");
				return paid(item.handle(REPLY), resent);
			}
			return settleUnknown(item, session, item.handle(REPLY), journal, resent);
		}
		catch (NemoApiException ex) {
			if (!ex.sessionGone()) {
				throw ex;
			}
			return send(item, this.sessions.reopen(item, journal), journal, resent);
		}
	}

	private StageResult verifyStage(WorkItem item, Journal journal) {
		String session = required(item, SESSION);
		String reply = item.handle(REPLY);
		int credits = 0;
		Draft draft;
		try {
			draft = this.client.state(session);
		}
		catch (NemoApiException ex) {
			if (!ex.sessionGone()) {
				throw ex;
			}
			session = this.sessions.reopen(item, journal);
			StageResult sent = send(item, session, journal, false);
			credits += sent.creditsSpent();
			draft = this.client.state(session);
		}
		if (!draft.hasMusic() && this.properties.retryEdit() && item.handle(EDIT_RETRIED) == null) {
			journal.record(EDIT_RETRIED, Instant.now().toString());
			journal.record(EDIT_SENT, null);
			journal.record(EDIT_ACCEPTED, null);
			StageResult sent = send(item, session, journal, false);
			credits += sent.creditsSpent();
			draft = this.client.state(session);
		}
		if (!draft.hasMusic()) {
			throw new ItemFailedException("the draft has no music after the edit"
					+ (reply == null ? " and the assistant said nothing" : "; the assistant said: " + reply));
		}
		journal.record(TRACKS, draft.summary());
		return new StageResult(Map.of(), null, credits);
	}

	/**
	 * Sends the instruction once: the intent is committed before it goes, the acceptance as
	 * soon as the service answers (the item's credits are then paid, no longer held).
	 * @param resent whether this is the item's second session, after the first never got the message
	 */
	private StageResult send(WorkItem item, String session, Journal journal, boolean resent) {
		journal.record(EDIT_SENT, Instant.now().toString());
		AtomicBoolean accepted = new AtomicBoolean();
		AtomicBoolean first = new AtomicBoolean(true);
		EditStream stream;
		try {
			stream = this.client.edit(session, item.instruction(), () -> {
				accepted.set(true);
				journal.record(EDIT_ACCEPTED, Instant.now().toString());
				journal.record(WorkItem.CREDITS_HELD, null);
			}, (text) -> {
				if (first.getAndSet(false)) {
					// the first reply is known now: keep it before anything else can go wrong
					journal.record(REPLY, clip(text));
				}
			});
		}
		catch (RuntimeException ex) {
			if (!accepted.get()) {
				// the client throws only when the service answered with a refusal instead of a stream
				// (rate limit, expired token, no credits, session gone): it did not take the message,
				// nothing was charged, so a later attempt may send it (the step's retry, for a refusal
				// that may pass: see NemoFailures)
				journal.record(EDIT_SENT, null);
			}
			throw ex;
		}
		if (stream.lastText() != null) {
			journal.record(REPLY, clip(stream.lastText()));
		}
		if (!accepted.get()) {
			// the request left but no answer came back (a broken connection, a server error)
			pause(this.properties.sseDropWait());
			return settleUnknown(item, session, stream.lastText(), journal, resent);
		}
		if (stream.dropped()) {
			pause(this.properties.sseDropWait());
			awaitMusic(session, "the edit stream broke off");
		}
		else if (stream.texts().isEmpty()) {
			awaitMusic(session, "the edit ended without a reply");
		}
		return paid(stream.lastText(), resent);
	}

	/**
	 * The instruction was sent into the session but the service never answered: the draft
	 * says whether it took it. Music means it did (and charged it); none after the usual
	 * wait means it never arrived, so it goes to a new session with a new upload, never a
	 * second time into this one, and only once per item.
	 */
	private StageResult settleUnknown(WorkItem item, String session, String reply, Journal journal, boolean resent) {
		if (musicArrives(session)) {
			journal.record(EDIT_ACCEPTED, Instant.now().toString());
			journal.record(WorkItem.CREDITS_HELD, null);
			return paid(reply, resent);
		}
		if (resent) {
			throw new ItemFailedException("the instruction never reached the service in two sessions (the drafts have"
					+ " no music after " + polls() + " checks); it is not sent a third time");
		}
		journal.record(EDIT_RESENT, session);
		return send(item, this.sessions.reopen(item, journal), journal, true);
	}

	private StageResult paid(String reply, boolean resent) {
		String said = reply == null ? "instruction sent" : clip(reply);
		String how = resent ? " (sent again in a new session: the first never received the instruction)" : "";
		return new StageResult(Map.of(), Plan.note("nemo" + how + ": " + said, "NemoVideo" + how + ": " + said),
				this.properties.creditsPerItem());
	}

	/** Checks the draft for music up to {@code statePolls} times; the item fails if it never appears. */
	private void awaitMusic(String session, String why) {
		if (!musicArrives(session)) {
			throw new ItemFailedException(why + ", and the draft has no music after " + polls()
					+ " checks; the instruction is not sent again (it would be charged twice)");
		}
	}

	private boolean musicArrives(String session) {
		for (int i = 1; i <= polls(); i++) {
			if (this.client.state(session).hasMusic()) {
				return true;
			}
			if (i < polls()) {
				pause(this.properties.pollInterval());
			}
		}
		return false;
	}

	private int polls() {
		return Math.max(1, this.properties.statePolls());
	}

	static String required(WorkItem item, String handle) {
		String value = item.handle(handle);
		if (value == null) {
			throw new ItemFailedException("the item has no " + handle + " yet; an earlier stage did not finish");
		}
		return value;
	}

	private static String clip(String text) {
		return text.length() <= MAX_REPLY ? text : text.substring(0, MAX_REPLY - 1) + "…";
	}

	/** Waits between polls; an interrupt ends the wait as a transient failure (the item is tried again). */
	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientEngineException("interrupted while waiting for the service", ex);
		}
	}

}
