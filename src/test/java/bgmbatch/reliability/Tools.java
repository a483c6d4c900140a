package bgmbatch.reliability;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the media tools are, to build PATHs with or without them. */
final class Tools {

	private Tools() {
	}

	static Path find(String name) {
		for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
			Path candidate = Path.of(entry, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException(name + " is not on the PATH; the tests need ffmpeg installed");
	}

}
