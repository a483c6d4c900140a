package bgmbatch.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.LocalCopies;
import bgmbatch.engine.WorkItem;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;
import bgmbatch.media.UnreadableMediaException;
import bgmbatch.settings.RemoteProperties;
import bgmbatch.storage.ObjectStore;

/**
 * Inputs given by address, as the job sees them: where this machine keeps an item's copy
 * ({@link #localView}), getting it there ({@link #fetch}), and dropping it once the item
 * is delivered ({@link #release}).
 * <p>
 * Identity: an item pins the version of each remote input it began with (the ETag, else
 * Last-Modified, else a hash of the content) in its handles. A fetch that finds another
 * version after the item's first stage throws {@link InputChangedException}: what was made
 * from the old version does not fit the new one.
 */
public final class RemoteInputs implements LocalCopies {

	private final InputCache cache;

	private final Function<SourceUrl, Origin> http;

	private final Supplier<ObjectStore> store;

	private final MediaProbe probe;

	private final RemoteProperties properties;

	private final Download download;

	/**
	 * @param customizers changes to the HTTP client (a trust store), made before the
	 * address policy is put on it
	 * @param store the object store for {@code s3://} inputs, made on first use
	 */
	public RemoteInputs(InputCache cache, List<HttpClientCustomizer> customizers, Supplier<ObjectStore> store,
			MediaProbe probe, RemoteProperties properties) {
		this.cache = cache;
		this.http = new HttpOrigins(customizers, properties);
		this.store = store;
		this.probe = probe;
		this.properties = properties;
		this.download = new Download(properties.remote());
	}

	/** Why the prepare step refuses an address before any fetch, or null when it may be fetched. */
	public String problem(SourceUrl url) {
		if (url.scheme().equals("http") && !this.properties.allowHttpUrls()) {
			return "the address " + url.masked() + " is http://, which sends the video unencrypted; use https://, "
					+ "or set allow-http-urls=true";
		}
		return null;
	}

	/** The item with its remote inputs pointing at this machine's copies (which may not be fetched yet). */
	public WorkItem localView(WorkItem item) {
		String video = item.handle(WorkItem.VIDEO_SOURCE);
		String music = item.handle(WorkItem.MUSIC_SOURCE);
		if (video == null && music == null) {
			return item;
		}
		return item.withInputs(video == null ? item.video() : this.cache.entry(url(video)).file(),
				music == null ? item.music() : this.cache.entry(url(music)).file());
	}

	@Override
	public WorkItem fetch(WorkItem item, Journal journal) {
		return fetch(item, journal, true);
	}

	/**
	 * Makes sure this machine has the item's remote inputs (fetching what is missing).
	 * @param firstStage whether the item is at its first stage: a new version of an input
	 * is then simply taken; later it makes an {@link InputChangedException}
	 */
	public WorkItem fetch(WorkItem item, Journal journal, boolean firstStage) {
		ensure(item, WorkItem.VIDEO_SOURCE, WorkItem.VIDEO_IDENTITY, true, journal, firstStage);
		ensure(item, WorkItem.MUSIC_SOURCE, WorkItem.MUSIC_IDENTITY, false, journal, firstStage);
		return localView(item);
	}

	/** Drops the delivered item's video from the cache. Music stays (rows share tracks) until the cache's cap removes it. */
	public void release(WorkItem item) {
		String video = item.handle(WorkItem.VIDEO_SOURCE);
		if (video != null) {
			this.cache.remove(url(video));
		}
	}

	private void ensure(WorkItem item, String sourceKey, String identityKey, boolean video, Journal journal,
			boolean firstStage) {
		String text = item.handle(sourceKey);
		if (text == null) {
			return;
		}
		SourceUrl url = url(text);
		String refused = problem(url);
		if (refused != null) {
			throw new ItemRejectedException(refused);
		}
		String pinned = item.handle(identityKey);
		InputCache.Entry entry = this.cache.entry(url);
		String identity = this.cache.locked(entry, () -> {
			String held = entry.identity();
			if (held != null && (held.equals(pinned) || unchanged(url, entry, held))) {
				entry.touch();
				return held;
			}
			entry.clear();
			String fetched = this.download.run(origin(url), entry);
			check(entry.part(), url, video);
			entry.finish(fetched);
			return fetched;
		});
		this.cache.trim(entry);
		if (identity.equals(pinned)) {
			return;
		}
		if (pinned == null || firstStage) {
			journal.record(identityKey, identity);
			return;
		}
		throw new InputChangedException("the " + (video ? "video" : "music") + " at " + url.masked()
				+ " changed since this item began (" + pinned + " → " + identity
				+ "); the item starts again from its first stage on the next run");
	}

	/**
	 * Whether a copy another item fetched is still the origin's version: one conditional
	 * request (a Range from the copy's end, valid only for its version) that sends nothing
	 * back when it is. Without a validator there is no asking: the input is fetched again.
	 */
	private boolean unchanged(SourceUrl url, InputCache.Entry entry, String held) {
		try (Origin.Opening opening = origin(url).open(Files.size(entry.file()), held)) {
			return opening.body() == null;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	/** The content, checked with ffprobe like a local file, before the copy counts as fetched. */
	private void check(Path part, SourceUrl url, boolean video) {
		String what = video ? "the video at " : "the music at ";
		MediaInfo info;
		try {
			info = this.probe.probe(part);
		}
		catch (UnreadableMediaException ex) {
			deleteQuietly(part);
			throw new ItemRejectedException(what + url.masked() + " is not a media file ffprobe can read ("
					+ reason(ex).replace(part + ": ", "") + ")");
		}
		if (video && info.videoStreams().isEmpty()) {
			deleteQuietly(part);
			throw new ItemRejectedException(what + url.masked() + " has no picture");
		}
		if (!video && info.audioStreams().isEmpty()) {
			deleteQuietly(part);
			throw new ItemRejectedException(what + url.masked() + " has no sound");
		}
	}

	private Origin origin(SourceUrl url) {
		return url.isS3() ? new ObjectOrigin(this.store, url) : this.http.apply(url);
	}

	private static String reason(UnreadableMediaException ex) {
		String message = ex.getMessage();
		int colon = message.indexOf("as media: ");
		return colon < 0 ? message : message.substring(colon + "as media: ".length());
	}

	private static SourceUrl url(String text) {
		return SourceUrl.parse(text).orElseThrow(() -> new IllegalStateException("not an address: " + SourceUrl.mask(text)));
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (java.io.IOException ex) {
			// the next fetch truncates it
		}
	}

}
