package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The streams of an input besides the picture and the sound that is mixed: subtitles,
 * timecode, chapters, attachments, data. Each is kept when the output container can
 * carry it, converted where it must be (text subtitles become mov_text in MP4), and
 * otherwise dropped with a reason the plan shows.
 *
 * @param choices what happens to each such stream, in input order
 * @param chapters how many chapters the input has (copied with its metadata)
 */
record ExtraStreams(List<Choice> choices, int chapters) {

	/** Text subtitles: MP4 and MOV take them as mov_text, WebM as WebVTT. */
	private static final Set<String> TEXT_SUBTITLES = Set.of("subrip", "srt", "ass", "ssa", "webvtt", "mov_text",
			"text");

	/** Picture subtitles Matroska copies; MP4 takes only DVD ones. */
	private static final Set<String> MP4_PICTURE_SUBTITLES = Set.of("dvd_subtitle");

	/** Subtitle codecs Matroska cannot hold as they are. */
	private static final Set<String> NOT_IN_MKV = Set.of("mov_text");

	/** The tag of a QuickTime timecode track: the muxer rewrites it from the video's timecode, so it is not mapped. */
	private static final String TIMECODE = "tmcd";

	/** The tag of an MP4 chapter track: the muxer rewrites it from the chapters. */
	private static final String CHAPTER_TRACK = "text";

	ExtraStreams {
		choices = List.copyOf(choices);
	}

	static ExtraStreams none() {
		return new ExtraStreams(List.of(), 0);
	}

	/**
	 * One stream as the upload stage recorded it.
	 *
	 * @param index its index in the input
	 * @param type "subtitle", "data", "attachment", "video"
	 * @param codec its codec, may be empty
	 * @param tag the container's tag for it, may be empty
	 */
	record Extra(int index, String type, String codec, String tag) {

		String describe() {
			String what = switch (this.type) {
				case "subtitle" -> "subtitles";
				case "video" -> "picture";
				default -> this.type;
			};
			String name = this.codec.isEmpty() || this.codec.equals("unknown") || this.codec.equals("bin_data")
					? this.tag : this.codec;
			return what + " #" + this.index + (name.isEmpty() ? "" : " (" + name + ")");
		}

	}

	/**
	 * What the render does with one stream.
	 *
	 * @param stream the stream
	 * @param encoder its encoder in the output ("copy", "mov_text", "srt", "webvtt"), null when not mapped
	 * @param note how it is kept, or why it is dropped
	 * @param kept whether the output has it (mapped, or rewritten by the muxer)
	 */
	record Choice(Extra stream, String encoder, String note, boolean kept) {

	}

	/** The handle the upload stage records: every stream but the picture that is copied and the audio. */
	static String record(MediaFacts facts, int videoIndex) {
		List<String> parts = new ArrayList<>();
		for (MediaFacts.Stream s : facts.streams()) {
			if (s.index() == videoIndex || "audio".equals(s.type())) {
				continue;
			}
			parts.add(s.index() + "/" + word(s.type()) + "/" + word(s.codec()) + "/" + word(s.codecTag()));
		}
		return String.join(",", parts);
	}

	/** Decides for each recorded stream, for one output container. */
	static ExtraStreams choose(String recorded, int chapters, String container) {
		List<Choice> choices = new ArrayList<>();
		if (recorded != null && !recorded.isBlank()) {
			for (String part : recorded.split(",")) {
				String[] f = Arrays.copyOf(part.split("/", -1), 4);
				Extra extra = new Extra(Integer.parseInt(f[0]), f[1], nullToEmpty(f[2]), nullToEmpty(f[3]));
				choices.add(choose(extra, chapters, container));
			}
		}
		return new ExtraStreams(choices, chapters);
	}

	private static Choice choose(Extra s, int chapters, String container) {
		String name = containerName(container);
		boolean quickTime = container.equals("mp4") || container.equals("mov");
		switch (s.type()) {
			case "subtitle":
				if (container.equals("mkv")) {
					return NOT_IN_MKV.contains(s.codec()) ? kept(s, "srt", s.codec() + " → subrip")
							: kept(s, "copy", "copied");
				}
				if (TEXT_SUBTITLES.contains(s.codec())) {
					String target = quickTime ? "mov_text" : "webvtt";
					return s.codec().equals(target) ? kept(s, "copy", "copied")
							: kept(s, target, s.codec() + " → " + target);
				}
				if (quickTime && MP4_PICTURE_SUBTITLES.contains(s.codec())) {
					return kept(s, "copy", "copied");
				}
				return dropped(s, name + " cannot carry picture subtitles of this kind; format=same keeps them");
			case "data":
				if (TIMECODE.equals(s.tag())) {
					return new Choice(s, null, quickTime ? "rewritten from the video's timecode" : "kept as a tag",
							true);
				}
				if (CHAPTER_TRACK.equals(s.tag()) && chapters > 0) {
					return new Choice(s, null, "kept as chapters", true);
				}
				return dropped(s, name + " cannot carry this data stream");
			case "attachment":
				return container.equals("mkv") ? kept(s, "copy", "copied")
						: dropped(s, name + " cannot carry attached files");
			case "video":
				return dropped(s, "only the first picture stream is delivered");
			default:
				return dropped(s, name + " cannot carry it");
		}
	}

	/** The plan's words: empty when the input has nothing besides picture and sound. */
	String describe() {
		List<String> kept = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		for (Choice choice : this.choices) {
			Extra s = choice.stream();
			if (!choice.kept()) {
				dropped.add(s.describe() + ": " + choice.note());
			}
			else if (TIMECODE.equals(s.tag()) && "data".equals(s.type())) {
				kept.add("timecode (" + choice.note() + ")");
			}
			else if (s.type().equals("data")) {
				continue;
			}
			else {
				kept.add(s.describe() + " " + choice.note());
			}
		}
		if (this.chapters > 0) {
			kept.add(this.chapters + (this.chapters == 1 ? " chapter" : " chapters"));
		}
		StringBuilder text = new StringBuilder();
		if (!kept.isEmpty()) {
			text.append("kept ").append(String.join(", ", kept));
		}
		if (!dropped.isEmpty()) {
			text.append(text.isEmpty() ? "" : "; ").append("dropped ").append(String.join(", ", dropped));
		}
		return text.toString();
	}

	/** The streams the render maps from the input, in output order after the picture and the sound. */
	List<Choice> mapped() {
		return this.choices.stream().filter((c) -> c.encoder() != null).toList();
	}

	private static Choice kept(Extra s, String encoder, String note) {
		return new Choice(s, encoder, note, true);
	}

	private static Choice dropped(Extra s, String reason) {
		return new Choice(s, null, reason, false);
	}

	private static String containerName(String container) {
		return switch (container) {
			case "mkv" -> "Matroska";
			case "webm" -> "WebM";
			default -> container.toUpperCase(Locale.ROOT);
		};
	}

	/** Codec names and tags as the handle may hold them: ffprobe writes odd tags such as "[0][0][0][0]". */
	private static String word(String value) {
		return value == null || !value.matches("[A-Za-z0-9_.-]+") ? "" : value;
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

}
