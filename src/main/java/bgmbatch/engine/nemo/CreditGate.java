package bgmbatch.engine.nemo;

import java.util.Locale;

import bgmbatch.engine.CreditsInFlight;
import bgmbatch.engine.JobHaltException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.NemoClient;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Opens a session, an item's first paid call, only when the balance covers that item and
 * every item in flight that has not paid its edit yet: no session is opened that the
 * balance cannot finish. The items in flight and what they hold come from the ledger
 * ({@link CreditsInFlight}), so the count holds however many workers share the job.
 * <p>
 * An item holds {@code creditsPerItem} from just before its session is requested until its
 * edit is accepted. That is more than it still needs once its session is paid (the
 * service does not say what a session costs), so near the end of the balance an item may
 * wait here for the others' edits to settle rather than stop the job: then it is covered
 * exactly. When the balance does not cover the item itself, the job stops (exit 4).
 */
final class CreditGate {

	private static final Log logger = LogFactory.getLog(CreditGate.class);

	private final NemoClient client;

	private final NemoProperties properties;

	private final CreditsInFlight inFlight;

	CreditGate(NemoClient client, NemoProperties properties, CreditsInFlight inFlight) {
		this.client = client;
		this.properties = properties;
		this.inFlight = inFlight;
	}

	/**
	 * Opens a session for the item once the balance covers it, recording what it holds and
	 * the session's id, both committed.
	 * @return the session's id
	 * @throws JobHaltException when the balance does not cover the item itself
	 */
	String openSession(WorkItem item, Journal journal) {
		while (true) {
			// check and session go together, across every worker of the job: two workers must
			// not both spend what only one check saw
			Opened opened = this.inFlight.exclusively(item.jobKey(), () -> tryOpen(item, journal));
			if (opened.session() != null) {
				return opened.session();
			}
			int held = opened.heldByOthers();
			// only the edits of items in flight stand in the way: they pay or fail soon, then the check is exact
			logger.info("waiting for items in flight to pay their edits (" + held + " credits held) before opening a "
					+ "session for item " + item.id());
			NemoEngine.pause(this.properties.pollInterval());
		}
	}

	private Opened tryOpen(WorkItem item, Journal journal) {
		int available = this.client.availableCredits();
		int own = this.properties.creditsNeededPerItem();
		if (available < own) {
			throw new JobHaltException(String.format(Locale.ROOT,
					"not enough NemoVideo credits to open a session for item %s: %d needed (%d per item + %d "
							+ "margin), %d available; top up and run the same command again",
					item.id(), own, this.properties.creditsPerItem(), this.properties.creditMargin(), available));
		}
		int held = this.inFlight.heldByOthers(item.jobKey(), item.id());
		if (available < own + held) {
			return new Opened(null, held);
		}
		journal.record(WorkItem.CREDITS_HELD, Integer.toString(this.properties.creditsPerItem()));
		String session = this.client.createSession();
		journal.record(NemoEngine.SESSION, session);
		return new Opened(session, held);
	}

	/** A session opened, or (null) the credits the other items in flight hold. */
	private record Opened(String session, int heldByOthers) {
	}

}
