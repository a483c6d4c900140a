package bgmbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import bgmbatch.engine.nemo.fake.FakeNemoServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/**
 * The tests' one wiring of the fake NemoVideo server: a fresh server for every test (in a
 * folder of its own, closed after the test whatever happened), and one short clip for the
 * whole class, made on first use. Registered on a static field, so the class's folder is
 * removed after its last test:
 * {@code @RegisterExtension static final FakeNemo nemo = new FakeNemo();}
 */
public final class FakeNemo implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private Path folder;

	private Path clip;

	private FakeNemoServer server;

	private Path files;

	/** This test's server. */
	public FakeNemoServer server() {
		if (this.server == null) {
			throw new IllegalStateException("the fake server runs during a test only: register FakeNemo on a field");
		}
		return this.server;
	}

	/** The folder this test's server keeps its files in (uploads, renders as {@code <render id>.mp4}). */
	public Path files() {
		server();
		return this.files;
	}

	/** A 2 s silent 160x120 clip ({@link Clips#video(Path, double, boolean)}), one for the class. */
	public Path clip() {
		if (this.clip == null) {
			this.clip = Clips.video(folder().resolve("clip.mp4"), 2, false);
		}
		return this.clip;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		this.files = Files.createTempDirectory(folder(), "fake");
		this.server = new FakeNemoServer(this.files);
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		try {
			this.server.close();
		}
		finally {
			this.server = null;
			this.files = null;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.folder != null) {
			FileSystemUtils.deleteRecursively(this.folder);
			this.folder = null;
			this.clip = null;
		}
	}

	private Path folder() {
		if (this.folder == null) {
			try {
				this.folder = Files.createTempDirectory("fake-nemo");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this.folder;
	}

}
