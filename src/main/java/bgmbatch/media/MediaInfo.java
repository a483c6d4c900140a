package bgmbatch.media;

import java.util.List;

/**
 * What ffprobe says about a media file.
 *
 * @param formatName the container as ffprobe names it (e.g. "mov,mp4,m4a,3gp,3g2,mj2")
 * @param durationSeconds the container's duration, 0 when unknown
 * @param streams the streams in file order
 */
public record MediaInfo(String formatName, double durationSeconds, List<StreamInfo> streams) {

	public MediaInfo {
		streams = List.copyOf(streams);
	}

	public List<StreamInfo> videoStreams() {
		return streams.stream().filter(StreamInfo::isVideo).toList();
	}

	public List<StreamInfo> audioStreams() {
		return streams.stream().filter(StreamInfo::isAudio).toList();
	}

	public boolean hasAudio() {
		return !audioStreams().isEmpty();
	}

	/**
	 * @param index the stream's index in the file
	 * @param type "video", "audio", "subtitle", "data"
	 * @param codec the codec name (e.g. "h264", "aac")
	 * @param width frame width, 0 for non-video
	 * @param height frame height, 0 for non-video
	 * @param attachedPicture whether it is cover art rather than a real video stream
	 */
	public record StreamInfo(int index, String type, String codec, int width, int height, boolean attachedPicture) {

		public boolean isVideo() {
			return "video".equals(this.type) && !this.attachedPicture;
		}

		public boolean isAudio() {
			return "audio".equals(this.type);
		}

	}

}
