package bgmbatch.engine.local.words;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.Normalizer2;

import org.tartarus.snowball.SnowballStemmer;

/**
 * How words are compared: by their accent-folded form ("musica" finds "música"), and by
 * their Snowball stem in a language (accent-folded too), so "fades", "fading" and
 * "faded" all find "fade".
 */
record Keys(Segmenter segmenter, Map<Language, SnowballStemmer> stemmers) {

	Keys(Segmenter segmenter) {
		this(segmenter, new EnumMap<>(Language.class));
	}

	/** One stemmer per language while the lexicon loads (on one thread). */
	SnowballStemmer stemmer(Language language) {
		return this.stemmers.computeIfAbsent(language, Stemmers::of);
	}

	private static final Normalizer2 DECOMPOSE = Normalizer2.getNFDInstance();

	/** Drops accents from Latin letters; CJK text is left alone (its voicing marks are not accents). */
	static String fold(String word) {
		if (Segmenter.isCjk(word) || word.chars().allMatch((c) -> c < 0x80)) {
			return word;
		}
		String decomposed = DECOMPOSE.normalize(word);
		StringBuilder out = new StringBuilder(decomposed.length());
		decomposed.codePoints()
			.filter((c) -> UCharacter.getType(c) != UCharacterCategory.NON_SPACING_MARK)
			.forEach(out::appendCodePoint);
		return out.toString();
	}

	static String stem(SnowballStemmer stemmer, String word) {
		stemmer.setCurrent(word);
		stemmer.stem();
		return fold(stemmer.getCurrent());
	}

	/** The words of one instruction with their keys, computed once per language asked. */
	static final class Words {

		private final List<Token> tokens;

		private final String[] surface;

		private final Map<Language, String[]> stems = new EnumMap<>(Language.class);

		private final Map<Language, SnowballStemmer> stemmers = new EnumMap<>(Language.class);

		/** One word read alone. */
		static Words of(String word) {
			return new Words(List.of(new Token(word, 0, word.length(), Token.Kind.WORD)));
		}

		Words(List<Token> tokens) {
			this.tokens = tokens;
			this.surface = new String[tokens.size()];
			for (int i = 0; i < tokens.size(); i++) {
				this.surface[i] = fold(tokens.get(i).text());
			}
		}

		int size() {
			return this.tokens.size();
		}

		Token token(int i) {
			return this.tokens.get(i);
		}

		/** Whether the token can be part of a lexicon phrase: words, marks but the hyphen, and digits ("r128"). */
		boolean isWord(int i) {
			Token.Kind kind = this.tokens.get(i).kind();
			return kind == Token.Kind.WORD || kind == Token.Kind.NUMBER
					|| kind == Token.Kind.SYMBOL && !this.tokens.get(i).is("-");
		}

		boolean isHyphen(int i) {
			return i < this.tokens.size() && this.tokens.get(i).is("-");
		}

		String surface(int i) {
			return this.surface[i];
		}

		String stem(int i, Language language) {
			if (!language.spaced()) {
				return this.surface[i];
			}
			String[] keys = this.stems.computeIfAbsent(language, (l) -> new String[this.tokens.size()]);
			if (keys[i] == null) {
				SnowballStemmer stemmer = this.stemmers.computeIfAbsent(language, Stemmers::of);
				keys[i] = this.tokens.get(i).kind() == Token.Kind.WORD ? Keys.stem(stemmer, this.tokens.get(i).text())
						: this.surface[i];
			}
			return keys[i];
		}

	}

}
