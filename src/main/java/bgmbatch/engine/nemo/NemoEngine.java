package bgmbatch.engine.nemo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.LocalCopies;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.TransientEngineException;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.Draft;
import bgmbatch.engine.nemo.client.EditStream;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.engine.nemo.client.RenderStatus;
import bgmbatch.engine.nemo.client.SessionGoneException;
import bgmbatch.engine.nemo.client.UploadedFile;

/**
 * The NemoVideo cloud engine. Per item: a session and a streamed upload (upload), the
 * instruction sent once over the edit stream (edit), the draft checked for music (verify),
 * a render submitted under an id recorded first (export), the render polled and streamed
 * into the part file (download).
 * <p>
 * Never paying twice rests on write-ahead handles: "edit sent" is committed before the
 * message goes out, and an item that has it never sends again, it checks the draft
 * instead; the render id is committed before the render is submitted, and a restart polls
 * that id.
 */
public final class NemoEngine implements EditingEngine {

	private static final org.apache.commons.logging.Log logger = org.apache.commons.logging.LogFactory
		.getLog(NemoEngine.class);

	static final String SESSION = "nemo.session";

	static final String FILE_URL = "nemo.file";

	/** Write-ahead: an upload into the session began (a kill may have cut it, or only its record). */
	static final String UPLOAD_STARTED = "nemo.upload.started";

	static final String UPLOADED_BY_INTERRUPTED_ATTEMPT = "uploaded by an interrupted attempt";

	static final String EDIT_SENT = "nemo.edit.sent";

	static final String EDIT_RETRIED = "nemo.edit.retried";

	static final String REPLY = "nemo.reply";

	static final String TRACKS = "nemo.tracks";

	static final String RENDER = "nemo.render";

	static final String RENDER_RETRIED = "nemo.render.retried";

	static final String RENDER_STATUS = "nemo.render.status";

	/** Every handle that belongs to one session: a new session makes them all stale. */
	private static final String[] SESSION_HANDLES = { SESSION, FILE_URL, UPLOAD_STARTED, EDIT_SENT, EDIT_RETRIED, REPLY, TRACKS, RENDER,
			RENDER_RETRIED, RENDER_STATUS };

	/** Replies are kept for the report, not as transcripts. */
	private static final int MAX_REPLY = 1000;

	private final NemoClient client;

	private final NemoProperties properties;

	private final LocalCopies copies;

	public NemoEngine(NemoClient client, NemoProperties properties) {
		this(client, properties, (item, journal) -> item);
	}

	/**
	 * @param copies fetches an item's remote video when the service could not fetch its
	 * address itself
	 */
	public NemoEngine(NemoClient client, NemoProperties properties, LocalCopies copies) {
		this.client = client;
		this.properties = properties;
		this.copies = copies;
	}

	/** An https address goes to the service's URL upload as it is: it fetches the video, we send no bytes. */
	@Override
	public boolean readsAddress(WorkItem item) {
		String address = item.handle(WorkItem.VIDEO_SOURCE);
		return address != null && address.regionMatches(true, 0, "https://", 0, "https://".length());
	}

	@Override
	public void checkReady() {
		this.client.ensureToken();
	}

	@Override
	public Stage redoStageForMissingOutput() {
		// the render id is kept, so the finished render can be fetched again for free
		return Stage.DOWNLOAD;
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		checkUploadable(item);
		String session = item.handle(SESSION);
		if (session != null && item.handle(FILE_URL) != null) {
			return StageResult.none();
		}
		try {
			open(item, session, item.handle(UPLOAD_STARTED) != null, journal);
		}
		catch (SessionGoneException ex) {
			clearSession(journal);
			open(item, null, false, journal);
		}
		return StageResult.none();
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		String session = required(item, SESSION);
		try {
			if (item.handle(EDIT_SENT) != null) {
				// sent by an attempt that never finished: sending again would pay twice
				awaitMusic(session, "the instruction was sent by an earlier, interrupted attempt");
				// that attempt paid but never got to record it
				return new StageResult(Map.of(), plan(item.handle(REPLY)), this.properties.creditsPerItem());
			}
			return send(item, session, journal);
		}
		catch (SessionGoneException ex) {
			return send(item, reopen(item, journal), journal);
		}
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		String session = required(item, SESSION);
		String reply = item.handle(REPLY);
		int credits = 0;
		Draft draft;
		try {
			draft = this.client.state(session);
		}
		catch (SessionGoneException ex) {
			session = reopen(item, journal);
			StageResult sent = send(item, session, journal);
			credits += sent.creditsSpent();
			draft = this.client.state(session);
		}
		if (!draft.hasMusic() && this.properties.retryEdit() && item.handle(EDIT_RETRIED) == null) {
			journal.record(EDIT_RETRIED, Instant.now().toString());
			journal.record(EDIT_SENT, null);
			StageResult sent = send(item, session, journal);
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

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		String session = required(item, SESSION);
		String render = item.handle(RENDER);
		if (render != null) {
			Optional<RenderStatus> status = this.client.render(render);
			if (status.isPresent() && !status.get().failed()) {
				// submitted before: the download stage polls it
				return StageResult.none();
			}
			if (status.isEmpty()) {
				// chosen and recorded, but the submit never reached the service
				submit(render, session, journal);
				return StageResult.none();
			}
			retryFailedRender(item.handle(RENDER_RETRIED), status.get(), journal);
		}
		submit(newRenderId(journal), session, journal);
		return StageResult.none();
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		String render = required(item, RENDER);
		boolean retried = item.handle(RENDER_RETRIED) != null;
		String lastStatus = item.handle(RENDER_STATUS);
		Instant deadline = Instant.now().plus(this.properties.renderTimeout());
		while (true) {
			RenderStatus status = this.client.render(render)
				.orElseThrow(() -> new ItemFailedException("the service no longer knows the render of this item"));
			if (!status.status().equals(lastStatus)) {
				lastStatus = status.status();
				journal.record(RENDER_STATUS, lastStatus);
			}
			if (status.completed()) {
				this.client.download(status, item.partFile());
				return StageResult.none();
			}
			if (status.failed()) {
				retryFailedRender(retried ? "yes" : null, status, journal);
				retried = true;
				render = newRenderId(journal);
				submit(render, required(item, SESSION), journal);
				lastStatus = null;
				deadline = Instant.now().plus(this.properties.renderTimeout());
				continue;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new ItemFailedException("the render did not finish within " + this.properties.renderTimeout()
						+ " (last status " + status.status() + ", " + status.progress() + "%); the next run polls the same "
						+ "render");
			}
			pause(this.properties.pollInterval());
		}
	}

	/**
	 * Prints per item what would be sent and what the run would cost, and spends nothing.
	 * @return whether the balance covers the run
	 */
	@Override
	public boolean dryRun(Stream<WorkItem> items, PrintStream out) {
		this.client.ensureToken();
		int available = this.client.availableCredits();
		int[] counts = new int[2];
		items.forEach((item) -> {
			String problem = UploadRules.problem(item, readsAddress(item));
			if (problem != null) {
				counts[1]++;
				out.printf("  %s: would be skipped: %s%n", item.id(), problem);
				return;
			}
			counts[0]++;
			if (item.handle(WorkItem.VIDEO_SOURCE) != null) {
				out.printf("  %s: would %s %s and send \"%s\"%n", item.id(),
						readsAddress(item) ? "have the service fetch" : "fetch and upload", item.video().getFileName(),
						item.instruction());
				return;
			}
			out.printf("  %s: would upload %s (%s) and send \"%s\"%n", item.id(), item.video().getFileName(),
					UploadRules.humanSize(item.video()), item.instruction());
		});
		int needed = counts[0] * this.properties.creditsPerItem() + (counts[0] > 0 ? this.properties.creditMargin() : 0);
		out.printf("Dry run: %d item(s) to send, %d to skip; they need about %d credits (%d per item + %d margin), "
				+ "%d available.%n", counts[0], counts[1], needed, this.properties.creditsPerItem(),
				this.properties.creditMargin(), available);
		if (available < needed) {
			out.println("Not enough credits for the whole run: top up before running it.");
		}
		return available >= needed;
	}

	private String open(WorkItem item, String existing, boolean journaledUpload, Journal journal) {
		String session = existing;
		if (session == null) {
			requireCredits("open a session for", item.id());
			session = this.client.createSession();
			journal.record(SESSION, session);
		}
		else if (journaledUpload && this.client.state(session).hasSegments()) {
			// an attempt killed mid-upload got the clip into the draft: a second upload would
			// put it there twice. (Should the service not show it, we upload again, as before.)
			journal.record(FILE_URL, UPLOADED_BY_INTERRUPTED_ATTEMPT);
			return session;
		}
		journal.record(UPLOAD_STARTED, Instant.now().toString());
		UploadedFile uploaded = send(session, item, journal);
		if (readsAddress(item) && uploaded.duration() > 0) {
			// the input is not here to probe: delivery checks the output against the service's reading
			journal.record(WorkItem.INPUT_DURATION, Double.toString(uploaded.duration()));
		}
		journal.record(FILE_URL, uploaded.cdnUrl());
		return session;
	}

	/** The URL upload for an https input, falling back to streaming the bytes when the service cannot fetch it. */
	private UploadedFile send(String session, WorkItem item, Journal journal) {
		if (readsAddress(item)) {
			try {
				return this.client.uploadUrl(session, item.handle(WorkItem.VIDEO_SOURCE));
			}
			catch (SessionGoneException ex) {
				throw ex;
			}
			catch (ItemFailedException ex) {
				// e.g. the address is only reachable from here: fetch it and send the bytes. (The
				// service's words are not logged: they may repeat the address, secrets and all.)
				logger.info("item " + item.id() + ": the service could not fetch the video's address; fetching it "
						+ "here and uploading it");
				return this.client.upload(session, this.copies.fetch(item, journal).video());
			}
		}
		return this.client.upload(session, item.video());
	}

	/** Code 1002: a new session and a new upload for this item only; its old handles are stale. */
	private String reopen(WorkItem item, Journal journal) {
		clearSession(journal);
		return open(item, null, false, journal);
	}

	private StageResult send(WorkItem item, String session, Journal journal) {
		requireCredits("edit", item.id());
		journal.record(EDIT_SENT, Instant.now().toString());
		AtomicBoolean first = new AtomicBoolean(true);
		EditStream stream;
		try {
			stream = this.client.edit(session, item.instruction(), (text) -> {
				if (first.getAndSet(false)) {
					// the first reply is known now: keep it before anything else can go wrong
					journal.record(REPLY, clip(text));
				}
			});
		}
		catch (RuntimeException ex) {
			// the client throws only when the service answered with a refusal instead of a stream
			// (rate limit, expired token, no credits, session gone): it did not take the message,
			// nothing was charged, so a later attempt may send it
			journal.record(EDIT_SENT, null);
			throw ex;
		}
		if (stream.lastText() != null) {
			journal.record(REPLY, clip(stream.lastText()));
		}
		if (stream.dropped()) {
			pause(this.properties.sseDropWait());
			awaitMusic(session, "the edit stream broke off");
		}
		else if (stream.texts().isEmpty()) {
			awaitMusic(session, "the edit ended without a reply");
		}
		return new StageResult(Map.of(), plan(stream.lastText()), this.properties.creditsPerItem());
	}

	/** Checks the draft for music up to {@code statePolls} times; the item fails if it never appears. */
	private void awaitMusic(String session, String why) {
		int polls = Math.max(1, this.properties.statePolls());
		for (int i = 1; i <= polls; i++) {
			if (this.client.state(session).hasMusic()) {
				return;
			}
			if (i < polls) {
				pause(this.properties.pollInterval());
			}
		}
		throw new ItemFailedException(why + ", and the draft has no music after " + polls
				+ " checks; the instruction is not sent again (it would be charged twice)");
	}

	private void retryFailedRender(String alreadyRetried, RenderStatus failed, Journal journal) {
		String reason = failed.error() == null ? "" : " (" + failed.error() + ")";
		if (alreadyRetried != null) {
			throw new ItemFailedException("the render failed twice" + reason);
		}
		journal.record(RENDER_RETRIED, failed.id());
	}

	private String newRenderId(Journal journal) {
		String id = "render_" + UUID.randomUUID().toString().replace("-", "");
		journal.record(RENDER_STATUS, null);
		journal.record(RENDER, id);
		return id;
	}

	private void submit(String render, String session, Journal journal) {
		Draft draft = this.client.state(session);
		if (!draft.hasSegments()) {
			throw new ItemFailedException("the draft has nothing to render");
		}
		this.client.submitRender(render, session, draft);
	}

	private void requireCredits(String what, String itemId) {
		int available = this.client.availableCredits();
		int needed = this.properties.creditsNeededPerItem();
		if (available < needed) {
			throw new JobHaltException(String.format(Locale.ROOT,
					"not enough NemoVideo credits to %s item %s: %d needed (%d per item + %d margin), %d available; "
							+ "top up and run the same command again",
					what, itemId, needed, this.properties.creditsPerItem(), this.properties.creditMargin(), available));
		}
	}

	private void clearSession(Journal journal) {
		for (String key : SESSION_HANDLES) {
			journal.record(key, null);
		}
	}

	/** Refuses locally what the service would refuse with 4001 or 4002, before any upload. */
	private void checkUploadable(WorkItem item) {
		String problem = UploadRules.problem(item, readsAddress(item));
		if (problem != null) {
			throw new ItemRejectedException(problem);
		}
	}

	private static String required(WorkItem item, String handle) {
		String value = item.handle(handle);
		if (value == null) {
			throw new ItemFailedException("the item has no " + handle + " yet; an earlier stage did not finish");
		}
		return value;
	}

	private static String plan(String reply) {
		return reply == null ? "nemo: instruction sent" : "nemo: " + clip(reply);
	}

	private static String clip(String text) {
		return text.length() <= MAX_REPLY ? text : text.substring(0, MAX_REPLY - 1) + "…";
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientEngineException("interrupted while waiting for the service", ex);
		}
	}

}
