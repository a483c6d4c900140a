package bgmbatch.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The state folder: one job database per manifest (so runs of different manifests never
 * contend for a database lock), the locks of those databases, credentials and logs.
 * Unless a run names another, it is the user's own state folder (XDG), the same whatever
 * folder the run starts in, so a cron line and a shell run of a manifest share its state.
 */
public final class StateFolder {

	private final Path root;

	public StateFolder(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The given folder, or the user's default when none is given. */
	public static StateFolder of(Path root) {
		return new StateFolder(root == null ? userDefault() : root);
	}

	/**
	 * {@code $XDG_STATE_HOME/bgm-batch}, else {@code ~/.local/state/bgm-batch}: the XDG Base
	 * Directory place for state that should survive a restart but is not worth a backup,
	 * and one that does not depend on the working folder. (The same rule sits in
	 * application.properties for the log file.)
	 */
	public static Path userDefault() {
		String xdg = System.getenv("XDG_STATE_HOME");
		Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
		return base.resolve("bgm-batch").toAbsolutePath().normalize();
	}

	public Path root() {
		return this.root;
	}

	/**
	 * Creates the folder and proves it writable.
	 * @throws StateFolderException when it is not
	 */
	public void ensureWritable() {
		try {
			Files.createDirectories(this.root);
			Path probe = Files.createTempFile(this.root, ".write-check", ".tmp");
			Files.delete(probe);
		}
		catch (IOException | SecurityException ex) {
			throw new StateFolderException("the state folder " + this.root + " is not writable (" + ex.getMessage()
					+ "); make it writable or choose another with state-dir=DIR");
		}
	}

	/** A stable, readable name for a file or folder: its name plus a hash of its absolute path. */
	public static String slug(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		String name = absolute.getFileName() == null ? "root" : absolute.getFileName().toString();
		name = name.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
		if (name.length() > 40) {
			name = name.substring(0, 40);
		}
		return name + "-" + sha256(absolute.toString()).substring(0, 10);
	}

	/** A stable, readable name for any text (an address): its tail, made file-safe, plus a hash of it. */
	public static String slug(String text) {
		String name = text.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
		if (name.length() > 40) {
			name = name.substring(name.length() - 40);
		}
		return name + "-" + sha256(text).substring(0, 10);
	}

	public Path databaseFolder(Path manifest) {
		return this.root.resolve("db").resolve(slug(manifest));
	}

	/**
	 * The JDBC URL of a manifest's job database. {@code write_delay=false} makes every
	 * commit durable (the default loses up to half a second on kill -9); {@code mvcc}
	 * lets concurrent lanes commit without serialization failures; {@code shutdown=true}
	 * closes the files cleanly when the pool closes its last connection.
	 * <p>
	 * {@code hsqldb.lock_file=false}: HSQLDB's own lock file is a heartbeat, and after a
	 * kill -9 it made the next run wait about 9 s (measured: 8.9 s to open, 0.5 s
	 * without it) for the heartbeat to go stale. Exclusive access is already proven by
	 * the manifest's {@link RunLock}, an OS lock the kernel drops the moment its process
	 * dies, and taken before the database opens; the database is per manifest, so no
	 * other process has a reason to open it.
	 * <p>
	 * {@code hsqldb.result_max_memory_rows}: an in-process HSQLDB holds a whole result in
	 * the heap unless told otherwise, so reading the ledger of 100 000 items for the reports
	 * took more than a 128 MB heap; results past 10 000 rows go to temporary disk files.
	 */
	public String databaseUrl(Path manifest) {
		return "jdbc:hsqldb:file:" + databaseFolder(manifest).resolve("batch")
				+ ";hsqldb.tx=mvcc;hsqldb.write_delay=false;sql.enforce_strict_size=true;shutdown=true"
				+ ";hsqldb.lock_file=false;hsqldb.result_max_memory_rows=10000";
	}

	/** The lock of the manifest's job database, held by whoever has it open. */
	public Path lockFile(Path manifest) {
		return lockFile(slug(manifest));
	}

	/** The lock of the database in the folder of this name (a manifest's {@linkplain #slug slug}). */
	public Path lockFile(String databaseName) {
		return this.root.resolve("locks").resolve(databaseName + ".lock");
	}

	/**
	 * The live status a run of the manifest publishes while it works, for {@code status}
	 * and {@code jobs} to read without opening the database the run has open.
	 */
	public Path liveStatusFile(Path manifest) {
		return liveStatusFile(slug(manifest));
	}

	/** The live status of the manifest whose database folder has this name (its {@linkplain #slug slug}). */
	public Path liveStatusFile(String databaseName) {
		return this.root.resolve("live").resolve(databaseName + ".json");
	}

	public Path logs() {
		return this.root.resolve("logs");
	}

	/** The folder of a manifest's per-execution log files. */
	public Path executionLogs(Path manifest) {
		return logs().resolve(slug(manifest));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
