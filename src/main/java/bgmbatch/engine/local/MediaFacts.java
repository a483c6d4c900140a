package bgmbatch.engine.local;

import java.util.List;
import java.util.Map;

/**
 * What ffprobe says about a file, as much as the local engine needs: streams with the
 * rotation a phone recorded, and the container's tags (a music library's moods).
 *
 * @param formatName the container as ffprobe names it
 * @param durationSeconds the container's duration, 0 when unknown
 * @param streams the streams in file order
 * @param tags the container's metadata tags, keys in lower case
 * @param chapters how many chapters the file has
 */
record MediaFacts(String formatName, double durationSeconds, List<Stream> streams, Map<String, String> tags,
		int chapters) {

	MediaFacts {
		streams = List.copyOf(streams);
		tags = Map.copyOf(tags);
	}

	List<Stream> video() {
		return this.streams.stream().filter(Stream::isVideo).toList();
	}

	List<Stream> audio() {
		return this.streams.stream().filter((s) -> "audio".equals(s.type())).toList();
	}

	/**
	 * @param index the stream's index in the file
	 * @param type "video", "audio", "subtitle", "data"
	 * @param codec the codec name
	 * @param codecTag the container's tag for it ("tmcd" marks a timecode track), may be empty
	 * @param width coded width, 0 for non-video
	 * @param height coded height, 0 for non-video
	 * @param rotation degrees the picture is turned when shown (phones record portrait as rotated landscape)
	 * @param attachedPicture whether it is cover art rather than a real video stream
	 * @param durationSeconds the stream's own duration, 0 when the file does not say
	 */
	record Stream(int index, String type, String codec, String codecTag, int width, int height, int rotation,
			boolean attachedPicture, double durationSeconds) {

		boolean isVideo() {
			return "video".equals(this.type) && !this.attachedPicture;
		}

		/** The height a viewer sees, after rotation. */
		int displayHeight() {
			return Math.abs(this.rotation) % 180 == 90 ? this.width : this.height;
		}

	}

}
