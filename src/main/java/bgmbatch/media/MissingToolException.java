package bgmbatch.media;

/** ffmpeg or ffprobe is not installed: nothing can be done until it is. */
public class MissingToolException extends RuntimeException {

	public MissingToolException(String tool, Throwable cause) {
		super(tool + " is not installed or not on the PATH. Install it with: apt-get install -y ffmpeg", cause);
	}

}
