package bgmbatch.engine.nemo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Clips, settings and manifests for the cloud engine's tests. */
final class NemoTestSupport {

	private NemoTestSupport() {
	}

	/** A 2 s, 160x120 video without audio, made by ffmpeg. */
	static Path clip(Path folder, String name) throws IOException, InterruptedException {
		Path clip = folder.resolve(name);
		Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
				"testsrc=size=160x120:rate=10", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException("ffmpeg failed: " + output);
		}
		return clip;
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

	/** Command-line style settings for a job run against the fake, every wait shrunk. */
	static List<String> fastArguments(String baseUrl) {
		return List.of("--bgm.engine=nemo", "--bgm.nemo.base-url=" + baseUrl, "--bgm.nemo.poll-interval=5ms",
				"--bgm.nemo.sse-drop-wait=5ms", "--bgm.nemo.state-polls=3", "--bgm.nemo.backoff-initial=5ms",
				"--bgm.nemo.backoff-max=20ms", "--bgm.nemo.default-retry-after=20ms", "--bgm.nemo.credit-margin=0",
				"--bgm.nemo.read-timeout=10s", "--bgm.nemo.token=", "--logging.threshold.console=OFF");
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
