package bgmbatch.engine.local.words;

import java.util.List;

/**
 * A word, number or mark of an instruction, with what the lexicon says it means.
 *
 * @param text the words as written (normalised); several words for a phrase ("fade out")
 * @param start where it starts in the normalised text
 * @param end where it ends in the normalised text
 * @param kind word, number (digits), clause boundary or other mark
 * @param language the language whose lexicon gave the meaning, or null
 * @param concepts the lexicon's concepts ({@code fade-out}, {@code mood:calm},
 * {@code number:20}), empty for a word no lexicon knows; {@code filler} for a word that
 * asks for nothing
 * @param number the value of digits or a number word, else NaN
 */
public record Term(String text, int start, int end, Kind kind, Language language, List<String> concepts, double number) {

	public Term {
		concepts = List.copyOf(concepts);
	}

	public enum Kind {

		WORD, NUMBER, BOUNDARY, SYMBOL

	}

	public boolean has(String concept) {
		return this.concepts.contains(concept);
	}

	/** The argument of the first concept of that name ({@code mood:calm} → {@code calm}), or null. */
	public String arg(String concept) {
		String prefix = concept + ":";
		for (String c : this.concepts) {
			if (c.startsWith(prefix)) {
				return c.substring(prefix.length());
			}
		}
		return null;
	}

	public boolean hasArg(String concept) {
		return arg(concept) != null;
	}

	/** Whether the lexicon knows the word at all (a filler counts). */
	public boolean known() {
		return this.kind != Kind.WORD || !this.concepts.isEmpty();
	}

	public boolean isNumber() {
		return !Double.isNaN(this.number);
	}

	public boolean isSymbol(String mark) {
		return this.kind == Kind.SYMBOL && this.text.equals(mark);
	}

}
