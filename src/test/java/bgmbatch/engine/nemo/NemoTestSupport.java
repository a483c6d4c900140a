package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import bgmbatch.engine.nemo.fake.FakeNemoServer;

/** Settings and manifests for the cloud engine's tests (clips come from {@link bgmbatch.support.Clips}). */
final class NemoTestSupport {

	private NemoTestSupport() {
	}

	/** Settings with every wait shrunk to milliseconds. */
	static NemoProperties fast(String baseUrl) {
		return new NemoProperties(baseUrl, null, "unknown", "test", Duration.ofMillis(5), Duration.ofSeconds(20),
				Duration.ofMillis(5), 3, 50, 0, false, 3, Duration.ofMillis(20), Duration.ofSeconds(2), 2,
				Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(10),
				Duration.ofSeconds(30), Duration.ofSeconds(30));
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
