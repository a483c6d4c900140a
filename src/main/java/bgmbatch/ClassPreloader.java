package bgmbatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a thread of its own, the library classes a run loads, in the order it loads
 * them, so the main thread finds most of them ready. Without a class-data-sharing archive
 * (a plain {@code java -jar} cannot be given one) start-up is mostly the main thread
 * reading, parsing and defining about 3 000 library classes one after the other, while
 * the second core idles; measured on two cores, the first item was under way about 0.2 s
 * sooner (2.6 s instead of 2.8 s, medians of 8) with them loaded alongside.
 * <p>
 * The list ({@link #LIST}) is written when the jar is built, by a run of the sample
 * manifest with {@code -XX:DumpLoadedClassList} (pom.xml, execution
 * {@code startup-classes}): it names the classes of the libraries as that run loaded them.
 * Classes are only loaded, not initialised, so nothing runs earlier than it would, and a
 * name the jar no longer has is skipped. Without the list (a classes folder, an IDE)
 * nothing happens.
 */
final class ClassPreloader {

	static final String LIST = "META-INF/bgm-batch-startup-classes.lst";

	private ClassPreloader() {
	}

	static void startInBackground() {
		ClassLoader loader = ClassPreloader.class.getClassLoader();
		InputStream list = loader.getResourceAsStream(LIST);
		if (list == null) {
			return;
		}
		Thread thread = new Thread(() -> preload(list, loader), "class-preload");
		thread.setDaemon(true);
		thread.start();
	}

	/** @return how many classes it loaded */
	static int preload(InputStream list, ClassLoader loader) {
		int loaded = 0;
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				String name = className(line);
				if (name != null && load(name, loader)) {
					loaded++;
				}
			}
		}
		catch (IOException ex) {
			// a hint only: the main thread loads whatever is left
		}
		return loaded;
	}

	/**
	 * The class a line of the JVM's list names, or null for comments, lambda and method
	 * handle entries ({@code @...}) and the JDK's own classes (those come from the JDK's
	 * archive already).
	 */
	static String className(String line) {
		if (line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
			return null;
		}
		int end = line.indexOf(' ');
		String name = (end < 0 ? line : line.substring(0, end)).replace('/', '.');
		boolean jdk = name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || name.startsWith("com.sun.");
		return jdk ? null : name;
	}

	private static boolean load(String name, ClassLoader loader) {
		try {
			Class.forName(name, false, loader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// not in this jar (any more), or it needs a library this run does not have
			return false;
		}
	}

}
