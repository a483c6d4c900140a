package bgmbatch.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.state.AtomicFiles;
import bgmbatch.state.RunLock;

/**
 * The snapshot file of a manifest's live run, replaced atomically ({@link AtomicFiles}), so
 * a reader sees the last snapshot or the next, never half of one.
 */
public final class LiveStatusFile {

	private final ObjectMapper json = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private final Path file;

	public LiveStatusFile(Path file) {
		this.file = file;
	}

	public Path path() {
		return this.file;
	}

	void write(LiveSnapshot snapshot) throws IOException {
		AtomicFiles.replace(this.file, this.json.writeValueAsBytes(snapshot));
	}

	void delete() throws IOException {
		Files.deleteIfExists(this.file);
	}

	/**
	 * The snapshot of the run in progress: only when the process that wrote it is the one
	 * holding the run lock now. A snapshot left by a killed or stopped run (its lock free,
	 * or taken by a newer run that has not published yet) is not a live run.
	 * @param lockFile the manifest's run lock, which the caller found held by another process
	 */
	public Optional<LiveSnapshot> readOwnedBy(Path lockFile) {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			LiveSnapshot snapshot = this.json.readValue(this.file.toFile(), LiveSnapshot.class);
			String holder = RunLock.holder(lockFile);
			return holder.equals(Long.toString(snapshot.pid())) ? Optional.of(snapshot) : Optional.empty();
		}
		catch (IOException ex) {
			// replaced or removed while we read it: the run is ending, or a new snapshot is on its way
			return Optional.empty();
		}
	}

}
