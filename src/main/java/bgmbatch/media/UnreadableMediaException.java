package bgmbatch.media;

import java.nio.file.Path;

/** ffprobe or ffmpeg could not read a file. */
public class UnreadableMediaException extends RuntimeException {

	public UnreadableMediaException(Path file, String reason) {
		super("cannot read " + file.getFileName() + " as media: " + reason);
	}

}
