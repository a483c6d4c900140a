package bgmbatch.engine.nemo;

import java.time.Instant;

import bgmbatch.engine.Journal;
import bgmbatch.engine.LocalCopies;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.NemoApiException;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.engine.nemo.client.UploadedFile;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * An item's session with its clip uploaded into it: opened through the {@link CreditGate},
 * the upload marked before it starts (a kill mid-upload is judged by the draft, never
 * uploaded twice into one session), and replaced, handles and all, when the service
 * lost it.
 */
final class Sessions {

	private static final Log logger = LogFactory.getLog(Sessions.class);

	/** Every handle that belongs to one session: a new session makes them all stale. */
	private static final String[] SESSION_HANDLES = { NemoEngine.SESSION, NemoEngine.FILE_URL,
			NemoEngine.UPLOAD_STARTED, NemoEngine.EDIT_SENT, NemoEngine.EDIT_ACCEPTED,
			NemoEngine.EDIT_RETRIED, NemoEngine.REPLY, NemoEngine.TRACKS, NemoEngine.RENDER, NemoEngine.RENDER_RETRIED,
			NemoEngine.RENDER_STATUS, WorkItem.CREDITS_HELD };

	private final NemoClient client;

	private final CreditGate credits;

	private final LocalCopies copies;

	Sessions(NemoClient client, CreditGate credits, LocalCopies copies) {
		this.client = client;
		this.credits = credits;
		this.copies = copies;
	}

	/**
	 * The item's session with its clip uploaded into it. At the edit stage this finishes a
	 * new session an earlier attempt began and never got to upload into (a kill in the
	 * middle of replacing a session).
	 */
	String uploaded(WorkItem item, Journal journal) {
		String session = item.handle(NemoEngine.SESSION);
		if (session != null && item.handle(NemoEngine.FILE_URL) != null) {
			return session;
		}
		try {
			return open(item, session, item.handle(NemoEngine.UPLOAD_STARTED) != null, journal);
		}
		catch (NemoApiException ex) {
			if (!ex.sessionGone()) {
				throw ex;
			}
			clear(journal);
			return open(item, null, false, journal);
		}
	}

	private String open(WorkItem item, String existing, boolean journaledUpload, Journal journal) {
		String session = existing;
		if (session == null) {
			session = this.credits.openSession(item, journal);
		}
		else if (journaledUpload && this.client.state(session).hasSegments()) {
			// an attempt killed mid-upload got the clip into the draft: a second upload would
			// put it there twice. (Should the service not show it, we upload again, as before.)
			journal.record(NemoEngine.FILE_URL, NemoEngine.UPLOADED_BY_INTERRUPTED_ATTEMPT);
			return session;
		}
		journal.record(NemoEngine.UPLOAD_STARTED, Instant.now().toString());
		UploadedFile uploaded = uploadClip(session, item, journal);
		if (UploadCheck.byAddress(item) && uploaded.duration() > 0) {
			// the input is not here to probe: delivery checks the output against the service's reading
			journal.record(WorkItem.INPUT_DURATION, Double.toString(uploaded.duration()));
		}
		journal.record(NemoEngine.FILE_URL, uploaded.cdnUrl());
		return session;
	}

	/** The URL upload for an https input, falling back to streaming the bytes when the service cannot fetch it. */
	private UploadedFile uploadClip(String session, WorkItem item, Journal journal) {
		if (UploadCheck.byAddress(item)) {
			try {
				return this.client.uploadUrl(session, item.handle(WorkItem.VIDEO_SOURCE));
			}
			catch (NemoApiException ex) {
				if (!NemoFailures.failsOnlyTheItem(ex)) {
					throw ex;
				}
				// e.g. the address is only reachable from here: fetch it and send the bytes. (The
				// service's words are not logged: they may repeat the address, secrets and all.)
				logger.info("item " + item.id() + ": the service could not fetch the video's address; fetching it "
						+ "here and uploading it");
				return this.client.upload(session, this.copies.fetch(item, journal).video());
			}
		}
		return this.client.upload(session, item.video());
	}

	/** A new session and a new upload for this item only (code 1002, or a message never taken); its old handles are stale. */
	String reopen(WorkItem item, Journal journal) {
		clear(journal);
		return open(item, null, false, journal);
	}

	void clear(Journal journal) {
		for (String key : SESSION_HANDLES) {
			journal.record(key, null);
		}
	}

}
