package bgmbatch.engine.local.words;

/**
 * One piece of normalised text as the segmenter cut it.
 *
 * @param text the piece, normalised (case-folded, NFKC)
 * @param start where it starts in the normalised text
 * @param end where it ends in the normalised text
 * @param kind what it is
 */
record Token(String text, int start, int end, Kind kind) {

	enum Kind {

		/** Letters of a spaced script (Latin and the like). */
		WORD,
		/** Digits, with a decimal point or comma. */
		NUMBER,
		/** Chinese or Japanese characters, matched against the lexicon character by character. */
		CJK,
		/** A mark that ends a clause: , ; . ! ? and their CJK forms. */
		BOUNDARY,
		/** Any other mark: % : - / + ~ ... */
		SYMBOL

	}

	boolean is(String value) {
		return this.text.equals(value);
	}

}
