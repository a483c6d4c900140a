package bgmbatch.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads media facts with ffprobe. */
public final class MediaProbe {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final CommandRunner runner;

	private final ObjectMapper json = new ObjectMapper();

	public MediaProbe(CommandRunner runner) {
		this.runner = runner;
	}

	/**
	 * Checks that ffprobe is installed.
	 * @throws MissingToolException when it is not
	 */
	public void checkInstalled() {
		this.runner.requireInstalled("ffprobe");
	}

	/**
	 * Probes a file.
	 * @throws UnreadableMediaException when ffprobe cannot read it, with its reason
	 */
	public MediaInfo probe(Path file) {
		CommandRunner.CommandResult result = this.runner.run(List.of("ffprobe", "-v", "error", "-print_format", "json",
				"-show_format", "-show_streams", file.toString()), TIMEOUT);
		if (!result.ok()) {
			throw new UnreadableMediaException(file, result.lastErrorLine());
		}
		try {
			return parse(this.json.readTree(result.stdout()));
		}
		catch (IOException ex) {
			throw new UnreadableMediaException(file, "ffprobe printed something that is not JSON");
		}
	}

	private static MediaInfo parse(JsonNode root) {
		List<MediaInfo.StreamInfo> streams = new ArrayList<>();
		for (JsonNode s : root.path("streams")) {
			streams.add(new MediaInfo.StreamInfo(s.path("index").asInt(), s.path("codec_type").asText(""),
					s.path("codec_name").asText(""), s.path("width").asInt(0), s.path("height").asInt(0),
					s.path("disposition").path("attached_pic").asInt(0) == 1));
		}
		JsonNode format = root.path("format");
		return new MediaInfo(format.path("format_name").asText(""),
				FfmpegNumbers.number(format.path("duration").asText(null), 0), streams);
	}

}
