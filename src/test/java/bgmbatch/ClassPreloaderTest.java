package bgmbatch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassPreloaderTest {

	@Test
	void linesOfTheJvmsListNameLibraryClassesAndSkipTheJdksCommentsAndLambdas() {
		assertThat(ClassPreloader.className("org/hsqldb/Database id: 812")).isEqualTo("org.hsqldb.Database");
		assertThat(ClassPreloader.className("com/fasterxml/jackson/databind/ObjectMapper"))
			.isEqualTo("com.fasterxml.jackson.databind.ObjectMapper");
		assertThat(ClassPreloader.className("java/lang/Object id: 0")).isNull();
		assertThat(ClassPreloader.className("sun/nio/ch/Util")).isNull();
		assertThat(ClassPreloader.className("# NOTE: Do not modify this file.")).isNull();
		assertThat(ClassPreloader.className("@lambda-proxy org/a/B run ()Ljava/lang/Runnable;")).isNull();
		assertThat(ClassPreloader.className("")).isNull();
	}

	@Test
	void loadsTheListedClassesWithoutInitialisingThemAndSkipsNamesItCannotFind() {
		RecordingLoader loader = new RecordingLoader();
		String list = "# made by -XX:DumpLoadedClassList\nbgmbatch/ClassPreloaderTest$Initialising id: 1\n"
				+ "@lambda-form-invoker [LF_RESOLVE] x\nno/such/Thing id: 2\njava/lang/String id: 3\n";

		int loaded = ClassPreloader.preload(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), loader);

		assertThat(loaded).isEqualTo(1);
		assertThat(loader.asked).containsExactly("bgmbatch.ClassPreloaderTest$Initialising", "no.such.Thing");
		assertThat(initialised).as("static initialiser run").isFalse();
	}

	static volatile boolean initialised;

	/** Says when it is initialised: loading alone must not do it. */
	static final class Initialising {

		static {
			initialised = true;
		}

	}

	/** Records what it is asked to load, and loads it the ordinary way. */
	private static final class RecordingLoader extends ClassLoader {

		final List<String> asked = new ArrayList<>();

		RecordingLoader() {
			super(ClassPreloaderTest.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith("java.")) {
				this.asked.add(name);
			}
			return super.loadClass(name, resolve);
		}

	}

}
