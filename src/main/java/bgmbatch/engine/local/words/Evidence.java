package bgmbatch.engine.local.words;

import java.util.EnumMap;
import java.util.Map;

/**
 * How much a row shows of each language: its phrases count 2, its stop words 1, a word
 * written with the language's own accents one more; kana makes Japanese, other Han
 * Chinese.
 */
final class Evidence {

	/** A language counts as used in a row once it has this much evidence: two of its words, or one phrase. */
	static final int ENOUGH = 3;

	private final Lexicon lexicon;

	Evidence(Lexicon lexicon) {
		this.lexicon = lexicon;
	}

	/** Evidence per language in the whole row: what detects the row's language. */
	Map<Language, Integer> scores(Keys.Words words, String text) {
		Map<Language, Integer> scores = new EnumMap<>(Language.class);
		for (Language language : Language.values()) {
			scores.put(language, 0);
		}
		for (int i = 0; i < words.size(); i++) {
			if (words.token(i).kind() != Token.Kind.WORD) {
				continue;
			}
			for (Language language : Language.values()) {
				if (language.spaced()) {
					int evidence = of(words, i, language);
					if (evidence > 0 && this.lexicon.writes(words, i, language)) {
						evidence++;
					}
					scores.merge(language, evidence, Integer::sum);
				}
			}
		}
		long kana = text.codePoints().filter(Segmenter::isKana).count();
		long cjk = text.codePoints().filter(Segmenter::isCjk).count();
		if (cjk > 0) {
			scores.merge(kana > 0 ? Language.JA : Language.ZH, (int) (cjk * 2), Integer::sum);
		}
		return scores;
	}

	/**
	 * Evidence for the other languages from the words the row's own language does not know:
	 * an English "a" is no sign of Spanish, an English "solo" alone not enough.
	 */
	Map<Language, Integer> foreign(Keys.Words words, Language primary, Map<Language, Integer> scores) {
		Map<Language, Integer> foreign = new EnumMap<>(Language.class);
		for (Language language : Language.values()) {
			foreign.put(language, language.spaced() ? 0 : scores.get(language));
		}
		foreign.put(primary, scores.get(primary));
		for (int i = 0; i < words.size(); i++) {
			boolean own = primary.spaced() && (this.lexicon.knows(words, i, primary)
					|| this.lexicon.isStopWord(words, i, primary));
			if (words.token(i).kind() != Token.Kind.WORD || own) {
				continue;
			}
			for (Language language : Language.values()) {
				if (language.spaced() && language != primary) {
					foreign.merge(language, of(words, i, language), Integer::sum);
				}
			}
		}
		return foreign;
	}

	private int of(Keys.Words words, int i, Language language) {
		return this.lexicon.knows(words, i, language) ? 2 : this.lexicon.isStopWord(words, i, language) ? 1 : 0;
	}

}
