package bgmbatch.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two locks a run holds for its whole life, both operating-system locks a killed
 * process drops at once:
 * <ul>
 * <li>the <b>output folder's</b>: two runs that would write into the same output folder
 * never run at once, whatever folder they start in and whatever state folder they use. It
 * lives under the user's own state folder ({@link StateFolder#userDefault()}, whatever
 * {@code state-dir} says), keyed by the output folder's real path, so the output folder
 * holds only outputs and reports. For outputs to a bucket ({@code output=s3://}) it is
 * keyed by the bucket prefix instead, so runs into one prefix exclude each other whatever
 * staging folder they make their outputs in;</li>
 * <li>the <b>manifest's job database's</b>, in the state folder: one process at a time
 * opens a database (the same manifest into another output folder would share it).</li>
 * </ul>
 */
public final class RunLocks implements AutoCloseable {

	private final RunLock output;

	private final RunLock database;

	private RunLocks(RunLock output, RunLock database) {
		this.output = output;
		this.database = database;
	}

	/**
	 * Takes both locks.
	 * @param bucket the bucket prefix outputs are uploaded to, or null when they stay in
	 * the output folder
	 * @throws AlreadyRunningException naming the run that holds one of them
	 */
	public static RunLocks acquire(StateFolder state, Path manifest, Path outputFolder, String bucket)
			throws IOException {
		Path manifestPath = manifest.toAbsolutePath().normalize();
		Path outputLock = bucket == null ? outputLockFile(outputFolder) : bucketLockFile(bucket);
		RunLock output = outputLock(outputLock, manifestPath).orElseThrow(() -> new AlreadyRunningException(
				outputHeld(outputLock, bucket == null ? outputFolder.toString() : bucket)));
		try {
			Path databaseLock = state.lockFile(manifestPath);
			RunLock database = RunLock.tryAcquire(databaseLock)
				.orElseThrow(() -> new AlreadyRunningException(databaseHeld(databaseLock, manifestPath)));
			return new RunLocks(output, database);
		}
		catch (IOException | RuntimeException ex) {
			output.close();
			throw ex;
		}
	}

	/** The output folder's lock lives in the user's state folder even when state-dir names another: say so when it cannot. */
	private static Optional<RunLock> outputLock(Path file, Path manifest) {
		try {
			return RunLock.tryAcquire(file, manifest.toString());
		}
		catch (IOException | SecurityException ex) {
			throw new StateFolderException("cannot take the output folder's run lock in " + file.getParent() + " ("
					+ ex.getMessage() + "); make it writable, or set XDG_STATE_HOME to a writable folder");
		}
	}

	/**
	 * Why a run of the manifest into the output folder could not start now, or empty.
	 * Takes and drops the locks, so it is only a check: a run that starts in between is
	 * stopped by {@link #acquire} just the same.
	 */
	public static Optional<String> busy(StateFolder state, Path manifest, Path outputFolder, String bucket)
			throws IOException {
		try (RunLocks locks = acquire(state, manifest, outputFolder, bucket)) {
			return Optional.empty();
		}
		catch (AlreadyRunningException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	/**
	 * The lock file of an output folder: {@code <user state>/output-locks/<name>-<hash>.lock},
	 * the hash of the folder's real path (symbolic links resolved as far as the folder
	 * exists), so two spellings of one folder share a lock.
	 */
	public static Path outputLockFile(Path outputFolder) {
		Path real = realPath(outputFolder.toAbsolutePath().normalize());
		return StateFolder.userDefault().resolve("output-locks").resolve(StateFolder.slug(real) + ".lock");
	}

	/** The lock file of a bucket prefix, beside the output folders' ({@code s3-<name>-<hash>.lock}). */
	static Path bucketLockFile(String bucket) {
		return StateFolder.userDefault().resolve("output-locks").resolve("s3-" + StateFolder.slug(bucket) + ".lock");
	}

	private static Path realPath(Path path) {
		Path existing = path;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return path;
		}
		try {
			return existing.toRealPath().resolve(existing.relativize(path));
		}
		catch (IOException ex) {
			return path;
		}
	}

	private static String outputHeld(Path lock, String outputFolder) {
		String manifest = RunLock.note(lock);
		return "another run " + (manifest == null ? "" : "of " + manifest + " ") + "is in progress, writing into "
				+ outputFolder + " (process " + RunLock.holder(lock)
				+ "); this one exits without doing anything. Run it again once that one has finished.";
	}

	private static String databaseHeld(Path lock, Path manifest) {
		return "another run of " + manifest + " is in progress (process " + RunLock.holder(lock)
				+ "); this one exits without doing anything. Run it again once that one has finished.";
	}

	/** Released when the context closes, after the database (which depends on them) has shut down. */
	@Override
	public void close() throws IOException {
		try {
			this.database.close();
		}
		finally {
			this.output.close();
		}
	}

}
