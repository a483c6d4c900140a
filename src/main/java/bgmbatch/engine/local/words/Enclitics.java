package bgmbatch.engine.local.words;

import java.util.List;
import java.util.Map;

/**
 * Spanish, Italian and Portuguese attach pronouns to verbs ("bájala", "abbassala",
 * "quítalo", "toglilo"), which the stemmers leave on imperatives: an unknown word that is
 * a known verb with a pronoun after it means the verb.
 */
final class Enclitics {

	/** The pronouns a verb may carry at its end, longest first. */
	private static final Map<Language, List<String>> PRONOUNS = Map.of(Language.ES,
			List.of("selos", "selas", "selo", "sela", "los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se"),
			Language.IT, List.of("glielo", "gliela", "gli", "lo", "la", "li", "le", "ne", "ci", "vi", "mi", "ti", "si"),
			Language.PT, List.of("los", "las", "lhes", "lhe", "lo", "la", "nos", "nas", "no", "na", "me", "te", "se"));

	private Enclitics() {
	}

	/** The verb the word is with its pronoun taken off, or {@link Lexicon.Match#NONE}. */
	static Lexicon.Match verb(Lexicon lexicon, String word, Language language) {
		for (String pronoun : PRONOUNS.getOrDefault(language, List.of())) {
			if (word.length() - pronoun.length() >= 4 && Keys.fold(word).endsWith(pronoun)) {
				Lexicon.Match match = lexicon.longest(word.substring(0, word.length() - pronoun.length()), language);
				if (match.found() && match.entries().stream().noneMatch((e) -> e.concept().equals("filler"))) {
					return match;
				}
			}
		}
		return Lexicon.Match.NONE;
	}

}
