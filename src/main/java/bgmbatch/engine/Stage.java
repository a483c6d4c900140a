package bgmbatch.engine;

/**
 * The stages every item passes through, in order. An item's ledger row names the next
 * stage it needs; {@link #DONE} means delivered.
 */
public enum Stage {

	UPLOAD, EDIT, VERIFY, EXPORT, DOWNLOAD, DONE;

	public Stage next() {
		return this == DONE ? DONE : values()[ordinal() + 1];
	}

	public String stepName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
