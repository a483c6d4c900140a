package bgmbatch.engine.local.words;

import java.util.List;

/**
 * An instruction read into terms.
 *
 * @param text the instruction, normalised; terms point into it
 * @param terms its words, numbers and marks in order
 * @param language the row's language: given by the manifest, else detected
 * @param alsoUsed other languages whose words were understood in it (a mixed row)
 */
public record Analysis(String text, List<Term> terms, Language language, List<Language> alsoUsed) {

	public Analysis {
		terms = List.copyOf(terms);
		alsoUsed = List.copyOf(alsoUsed);
	}

}
