package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.FfmpegNumbers;

/** Runs ffprobe once per file and turns what it says, or why it cannot, into plain words. */
final class FfprobeReader {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");

	private final CommandRunner runner;

	private final ObjectMapper json = new ObjectMapper();

	FfprobeReader(CommandRunner runner) {
		this.runner = runner;
	}

	/**
	 * @throws UnusableMediaException with a one-line reason a person understands
	 */
	MediaFacts read(Path file) {
		try {
			if (!Files.isRegularFile(file)) {
				throw new UnusableMediaException(file.getFileName() + " does not exist");
			}
			if (Files.size(file) == 0) {
				throw new UnusableMediaException(file.getFileName() + " is empty (0 bytes)");
			}
		}
		catch (IOException ex) {
			throw new UnusableMediaException(file.getFileName() + " cannot be read: " + ex.getMessage());
		}
		CommandRunner.CommandResult result = this.runner.run(List.of("ffprobe", "-v", "error", "-print_format", "json",
				"-show_format", "-show_streams", "-show_chapters", file.toString()), TIMEOUT);
		if (!result.ok()) {
			throw new UnusableMediaException(file.getFileName() + " " + MediaErrors.explain(file, result.stderr()));
		}
		try {
			return parse(this.json.readTree(result.stdout()));
		}
		catch (IOException ex) {
			throw new UnusableMediaException(file.getFileName() + " could not be inspected (ffprobe gave no answer)");
		}
	}

	private static MediaFacts parse(JsonNode root) {
		List<MediaFacts.Stream> streams = new ArrayList<>();
		for (JsonNode s : root.path("streams")) {
			streams.add(new MediaFacts.Stream(s.path("index").asInt(), s.path("codec_type").asText(""),
					s.path("codec_name").asText(""), s.path("codec_tag_string").asText(""), s.path("width").asInt(0),
					s.path("height").asInt(0), rotation(s), s.path("disposition").path("attached_pic").asInt(0) == 1,
					streamSeconds(s)));
		}
		JsonNode format = root.path("format");
		Map<String, String> tags = new HashMap<>();
		format.path("tags").fields()
			.forEachRemaining((e) -> tags.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText("")));
		return new MediaFacts(format.path("format_name").asText(""),
				FfmpegNumbers.number(format.path("duration").asText(null), 0), streams, tags, root.path("chapters").size());
	}

	/**
	 * A stream's own duration: MP4 and most containers give it; Matroska only as a
	 * "DURATION" tag (hh:mm:ss.nnnnnnnnn). 0 when neither is there.
	 */
	private static double streamSeconds(JsonNode stream) {
		double seconds = FfmpegNumbers.number(stream.path("duration").asText(null), 0);
		if (seconds > 0) {
			return seconds;
		}
		String tag = stream.path("tags").path("DURATION").asText("");
		Matcher clock = CLOCK.matcher(tag);
		if (!clock.matches()) {
			return 0;
		}
		return Integer.parseInt(clock.group(1)) * 3600 + Integer.parseInt(clock.group(2)) * 60
				+ FfmpegNumbers.number(clock.group(3), 0);
	}

	/** Phones write the turn either as a display matrix (newer ffprobe) or a "rotate" tag (older files). */
	private static int rotation(JsonNode stream) {
		for (JsonNode side : stream.path("side_data_list")) {
			if (side.has("rotation")) {
				return side.path("rotation").asInt(0);
			}
		}
		return stream.path("tags").path("rotate").asInt(0);
	}

}
