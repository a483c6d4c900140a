package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.nemo.fake.FakeNemoServer;

/** Settings and manifests for the cloud engine's tests (clips come from {@link bgmbatch.support.Clips}). */
final class NemoTestSupport {

	private NemoTestSupport() {
	}

	/** Settings with every wait shrunk to milliseconds. */
	static NemoProperties fast(String baseUrl) {
		return fast(baseUrl, Map.of());
	}

	/** {@link #fast(String)} with some settings changed ({@code bgm.nemo.*} names without the prefix). */
	static NemoProperties fast(String baseUrl, Map<String, String> changed) {
		Map<String, String> values = new HashMap<>(Map.of("base-url", baseUrl, "skill-version", "test",
				"poll-interval", "5ms", "sse-drop-wait", "5ms", "state-polls", "3", "credit-margin", "0",
				"max429-retries", "3", "default-retry-after", "20ms", "max-retry-after", "2s", "max-retries", "2"));
		values.putAll(Map.of("backoff-initial", "5ms", "backoff-max", "20ms", "connect-timeout", "5s",
				"read-timeout", "10s", "call-timeout", "30s", "edit-timeout", "30s"));
		values.putAll(changed);
		return NemoProperties.of(values);
	}

	/** Arguments for a job run against the fake on the cloud engine, every wait shrunk, console logging off. */
	static List<String> fastArguments(FakeNemoServer fake) {
		List<String> arguments = new ArrayList<>(List.of("--bgm.engine=nemo", "--logging.threshold.console=OFF"));
		arguments.addAll(fake.jobArguments());
		return arguments;
	}

	/** A manifest of {@code count} rows over copies of one clip, ids v1..vN. */
	static Path manifest(Path folder, Path clip, int count) throws IOException {
		StringBuilder csv = new StringBuilder("video,instruction,output,id\n");
		for (int i = 1; i <= count; i++) {
			Path copy = folder.resolve("in-" + i + ".mp4");
			Files.copy(clip, copy);
			csv.append(copy.getFileName()).append(",add upbeat background music and fade it out at the end,out-")
				.append(i)
				.append(".mp4,v")
				.append(i)
				.append('\n');
		}
		Path manifest = folder.resolve("videos.csv");
		Files.writeString(manifest, csv);
		return manifest;
	}

}
