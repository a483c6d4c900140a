package bgmbatch.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program a test needs (chromium, tmux). In CI ({@code CI=true}, where .ci/run installs
 * them) a missing one fails the test; on a developer's machine the test is skipped and says
 * what to install, so a missing tool never passes for a green test in CI.
 */
public final class RequiredTool {

	private RequiredTool() {
	}

	/** The first of the names found on the PATH. */
	public static Path find(String install, String... names) {
		for (String name : names) {
			Optional<Path> found = onPath(name);
			if (found.isPresent()) {
				return found.get();
			}
		}
		String missing = String.join(" or ", names) + " is not installed (" + install + ")";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(missing + "; .ci/run installs it, so CI must have it");
		}
		assumeTrue(false, "SKIPPED (not in CI): " + missing);
		throw new IllegalStateException("unreachable");
	}

	private static Optional<Path> onPath(String name) {
		for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(entry, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
