package bgmbatch.engine.nemo.client;

/**
 * One uploaded file as the service describes it.
 *
 * @param filename the name it was given
 * @param cdnUrl where the service keeps it
 * @param duration its duration in seconds as the service read it (0 when not given)
 */
public record UploadedFile(String filename, String cdnUrl, double duration) {

}
