package bgmbatch.engine;

/**
 * Fetches an item's remote inputs into this machine's cache. The job calls it before
 * each stage of an engine that reads files; an engine that reads addresses itself calls
 * it when it needs the bytes after all (the service could not fetch the address).
 */
@FunctionalInterface
public interface LocalCopies {

	/**
	 * @return the item with {@link WorkItem#video()} and {@link WorkItem#music()} pointing at
	 * local files that hold its inputs; the item itself when it has no remote input
	 * @throws ItemRejectedException when an input cannot be had as given (not found, not a
	 * video, too large, an address the settings refuse)
	 * @throws ItemFailedException when fetching failed in a way a later run may not
	 */
	WorkItem fetch(WorkItem item, Journal journal);

}
