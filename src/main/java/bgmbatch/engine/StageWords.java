package bgmbatch.engine;

/**
 * What a person reads for each stage of an engine while it is under way: the ledger keeps
 * the stage names every engine shares, but a local ffmpeg job never says "uploading".
 *
 * @param upload the first stage (making the input available)
 * @param edit the second (turning the instruction into an edit)
 * @param verify the third (checking the edit before anything is rendered)
 * @param export the fourth (the render)
 * @param download the last (bringing the output into place)
 */
public record StageWords(String upload, String edit, String verify, String export, String download) {

	/** The ledger's own names, for a job whose engine is not at hand. */
	public static final StageWords LEDGER = new StageWords("upload", "edit", "verify", "export", "download");

	/** The word for a stage under way; {@link Stage#DONE} reads "done". */
	public String of(Stage stage) {
		return switch (stage) {
			case UPLOAD -> this.upload;
			case EDIT -> this.edit;
			case VERIFY -> this.verify;
			case EXPORT -> this.export;
			case DOWNLOAD -> this.download;
			case DONE -> "done";
		};
	}

}
