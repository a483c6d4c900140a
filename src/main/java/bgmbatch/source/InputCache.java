package bgmbatch.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * This machine's copies of remote inputs, in the state folder: one folder per address
 * (named by a hash of it, so no part of the address — secrets included — becomes a file
 * name), holding the finished file, or a {@code .part} being fetched, and the identity of
 * the version it holds.
 * <p>
 * Safe for concurrent workers: every change to an entry happens under its lock, taken in
 * this JVM (threads) and on a lock file (other processes sharing the state folder, e.g.
 * runs of two manifests that use the same track). The lock files themselves are never
 * deleted: a process waiting on a deleted one would lock a file no one else sees.
 * Entries are per machine by design: workers elsewhere fetch their own.
 */
public final class InputCache {

	private static final String LOCK = ".lock";

	private static final String IDENTITY = ".identity";

	private static final String VALIDATOR = ".validator";

	private final Path root;

	private final long capBytes;

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	/**
	 * @param root the cache folder
	 * @param capBytes the most the finished files may hold together; past it, the least
	 * recently used entries nobody holds are removed
	 */
	public InputCache(Path root, long capBytes) {
		this.root = root.toAbsolutePath().normalize();
		this.capBytes = capBytes;
	}

	/** The entry of an address: where its file is (or will be) on this machine. */
	public Entry entry(SourceUrl url) {
		String key = sha256(url.text()).substring(0, 24);
		return new Entry(this.root.resolve(key), safeName(url.fileName()));
	}

	/** Runs {@code work} holding the entry's lock, in this JVM and against other processes. */
	public <T> T locked(Entry entry, IoWork<T> work) {
		ReentrantLock lock = this.locks.computeIfAbsent(entry.folder().toString(), (k) -> new ReentrantLock());
		lock.lock();
		try {
			Files.createDirectories(entry.folder());
			try (FileChannel channel = FileChannel.open(entry.folder().resolve(LOCK), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock held = channel.lock()) {
				return work.run();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			lock.unlock();
		}
	}

	/** Deletes an entry's files (not its lock): its item is delivered. */
	public void remove(SourceUrl url) {
		Entry entry = entry(url);
		if (Files.isDirectory(entry.folder())) {
			locked(entry, () -> {
				entry.clear();
				return null;
			});
		}
	}

	/**
	 * Removes least recently used finished entries, other than {@code keep} and any held by
	 * a worker now, until the cache is within its cap.
	 */
	public void trim(Entry keep) {
		List<Entry> entries = new ArrayList<>();
		long total = 0;
		try (Stream<Path> folders = Files.list(this.root)) {
			for (Path folder : folders.filter(Files::isDirectory).toList()) {
				Entry entry = Entry.in(folder);
				if (entry != null) {
					entries.add(entry);
					total += entry.size();
				}
			}
		}
		catch (IOException ex) {
			return;
		}
		entries.sort(Comparator.comparing(Entry::lastUsed));
		for (Entry entry : entries) {
			if (total <= this.capBytes) {
				return;
			}
			if (entry.folder().equals(keep.folder())) {
				continue;
			}
			long size = entry.size();
			if (tryRemove(entry)) {
				total -= size;
			}
		}
	}

	private boolean tryRemove(Entry entry) {
		ReentrantLock lock = this.locks.computeIfAbsent(entry.folder().toString(), (k) -> new ReentrantLock());
		if (!lock.tryLock()) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(entry.folder().resolve(LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock held = channel.tryLock()) {
			if (held == null) {
				return false;
			}
			entry.clear();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	/** Keeps the extension (the cloud engine's upload goes by it) and nothing a shell or a file system minds. */
	static String safeName(String name) {
		String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
		safe = safe.replaceAll("^[.]+", "");
		if (safe.length() > 100) {
			safe = safe.substring(safe.length() - 100);
		}
		return safe.isEmpty() ? "input" : safe;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** Work done under an entry's lock. */
	@FunctionalInterface
	public interface IoWork<T> {

		T run() throws IOException;

	}

	/**
	 * One address's folder.
	 * @param folder the entry's folder
	 * @param name the file's name inside it
	 */
	public record Entry(Path folder, String name) {

		public Path file() {
			return this.folder.resolve(this.name);
		}

		Path part() {
			return this.folder.resolve(this.name + ".part");
		}

		Path validatorFile() {
			return this.folder.resolve(VALIDATOR);
		}

		/** The identity of the finished file's version, or null when there is no finished file. */
		String identity() throws IOException {
			Path identity = this.folder.resolve(IDENTITY);
			return Files.isRegularFile(file()) && Files.isRegularFile(identity) ? Files.readString(identity) : null;
		}

		/** Makes the fetched part the finished file of the given version. */
		void finish(String identity) throws IOException {
			Files.writeString(this.folder.resolve(IDENTITY), identity);
			Files.move(part(), file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			Files.deleteIfExists(validatorFile());
		}

		void touch() throws IOException {
			Files.setLastModifiedTime(file(), FileTime.from(Instant.now()));
		}

		void clear() throws IOException {
			try (Stream<Path> files = Files.list(this.folder)) {
				for (Path file : files.toList()) {
					if (!file.getFileName().toString().equals(LOCK)) {
						Files.deleteIfExists(file);
					}
				}
			}
		}

		long size() {
			try (Stream<Path> files = Files.list(this.folder)) {
				long total = 0;
				for (Path file : files.toList()) {
					total += Files.isRegularFile(file) ? Files.size(file) : 0;
				}
				return total;
			}
			catch (IOException ex) {
				return 0;
			}
		}

		Instant lastUsed() {
			try {
				return Files.getLastModifiedTime(file()).toInstant();
			}
			catch (IOException ex) {
				return Instant.EPOCH;
			}
		}

		/** The entry whose finished file is in the folder, or null when it holds none. */
		static Entry in(Path folder) {
			try (Stream<Path> files = Files.list(folder)) {
				return files.map((f) -> f.getFileName().toString())
					.filter((name) -> !name.startsWith(".") && !name.endsWith(".part"))
					.findFirst()
					.map((name) -> new Entry(folder, name))
					.orElse(null);
			}
			catch (IOException ex) {
				return null;
			}
		}

	}

}
