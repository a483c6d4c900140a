package bgmbatch.engine.nemo.client;

/**
 * A render as the service reports it.
 *
 * @param id the render id
 * @param status {@code pending}, {@code processing}, {@code completed} or {@code failed}
 * @param progress percent done, as reported
 * @param outputUrl where the result can be fetched, or null (then the download endpoint serves it)
 * @param error the service's reason for a failure, or null
 */
public record RenderStatus(String id, String status, int progress, String outputUrl, String error) {

	public boolean completed() {
		return "completed".equalsIgnoreCase(this.status);
	}

	public boolean failed() {
		return "failed".equalsIgnoreCase(this.status) || "error".equalsIgnoreCase(this.status)
				|| "cancelled".equalsIgnoreCase(this.status);
	}

}
