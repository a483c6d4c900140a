package bgmbatch.reliability;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import bgmbatch.BgmBatchApplication;
import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start the packaged jar makes: the application's classes in a jar, so {@code AotMode}
 * turns on the bean definitions {@code process-aot} generated in this very build (Maven
 * runs it before the tests), with no flag given. Every other test starts the ordinary way,
 * from the classes folder; this one proves the generated definitions run the job and the
 * commands, and that settings they cannot carry fall back to the ordinary start.
 */
class AotStartTest {

	private static final String AOT_USED = "starting on the bean definitions made when the jar was built";

	private static final String AOT_REFUSED = "starting without the build-time bean definitions";

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@TempDir
	static Path shared;

	static String classPath;

	static Path clip;

	@TempDir
	Path dir;

	@BeforeAll
	static void packTheApplication() throws Exception {
		Path classes = Path.of(BgmBatchApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(classes.resolve("bgmbatch/BgmBatchApplication__ApplicationContextInitializer.class"))
			.as("the build-time definitions; run the tests with Maven, whose process-aot makes them")
			.exists();
		Path jar = jar(classes, shared.resolve("batch.jar"));
		List<String> entries = new ArrayList<>(List.of(jar.toString()));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!Path.of(entry).toAbsolutePath().equals(classes.toAbsolutePath())) {
				entries.add(entry);
			}
		}
		classPath = String.join(File.pathSeparator, entries);
		clip = Clips.video(shared.resolve("clip.mp4"), 1, true);
	}

	@Test
	void packagedJarRunsTheJobAndTheCommandsOnTheBuildTimeDefinitions() throws Exception {
		Path manifest = manifest();
		ChildJvm run = start("manifest=" + manifest, "output=" + this.dir.resolve("out"), "state-dir=" + state());
		assertThat(run.awaitExit(TIMEOUT)).as("exit code; stderr: %s", run.stderr()).isZero();
		assertThat(this.dir.resolve("out/clip.mp4")).isNotEmptyFile();
		assertThat(log()).contains(AOT_USED).doesNotContain(AOT_REFUSED);

		ChildJvm status = start("status", "manifest=" + manifest, "state-dir=" + state());
		assertThat(status.awaitExit(TIMEOUT)).as("exit code; stderr: %s", status.stderr()).isZero();
		assertThat(status.stdout()).contains("1 delivered");
	}

	@Test
	void cloudEngineStartsTheOrdinaryWayAndRunsTheJob() throws Exception {
		try (FakeNemoServer fake = new FakeNemoServer(Files.createDirectories(this.dir.resolve("fake")))) {
			ChildJvm run = start("manifest=" + manifest(), "output=" + this.dir.resolve("out"), "state-dir=" + state(),
					"engine=nemo", "--bgm.nemo.base-url=" + fake.url(), "--bgm.nemo.poll-interval=20ms",
					"--bgm.nemo.token=");
			assertThat(run.awaitExit(TIMEOUT)).as("exit code; stderr: %s", run.stderr()).isZero();
			assertThat(fake.calls("POST", "/run_sse")).hasSize(1);
		}
		assertThat(this.dir.resolve("out/clip.mp4")).isNotEmptyFile();
		assertThat(log()).contains(AOT_REFUSED + ": bgm.engine=nemo").doesNotContain(AOT_USED);
	}

	@Test
	void sourcesAddedAtRunTimeStartTheOrdinaryWayAndAreUsed() throws Exception {
		ChildJvm run = start("manifest=" + manifest(), "output=" + this.dir.resolve("out"), "state-dir=" + state(),
				"engine=noop", "--spring.main.sources=bgmbench.NoopEngineConfiguration",
				"--bench.noop.template=" + clip);
		assertThat(run.awaitExit(TIMEOUT)).as("exit code; stderr: %s", run.stderr()).isZero();
		assertThat(this.dir.resolve("out/clip.mp4")).isNotEmptyFile();
		assertThat(log()).contains(AOT_REFUSED + ": bgm.engine=noop");
	}

	private ChildJvm start(String... args) {
		return ChildJvm.start(classPath, ChildJvm.QUICK_START, Map.of(), this.dir, List.of(args));
	}

	private Path manifest() throws IOException {
		Path video = Files.copy(clip, this.dir.resolve("clip.mp4"));
		return Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction\n" + video.getFileName() + ",add calm background music\n");
	}

	private Path state() {
		return this.dir.resolve("state");
	}

	private String log() throws IOException {
		return Files.readString(state().resolve("logs/bgm-batch.log"));
	}

	private static Path jar(Path classes, Path jar) throws IOException {
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
				Stream<Path> files = Files.walk(classes)) {
			for (Path path : files.filter((path) -> !path.equals(classes)).toList()) {
				String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
				// folder entries too, as Maven writes them: Spring's component scan lists a jar's packages by them
				out.putNextEntry(new JarEntry(Files.isDirectory(path) ? name + "/" : name));
				if (Files.isRegularFile(path)) {
					Files.copy(path, out);
				}
				out.closeEntry();
			}
		}
		return jar;
	}

}
