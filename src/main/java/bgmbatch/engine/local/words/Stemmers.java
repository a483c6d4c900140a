package bgmbatch.engine.local.words;

import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Snowball's stemmers per language. Kept out of {@link Language}: the verifier loads the
 * classes a method returns, so a stemmer factory there would load all six stemmers
 * whenever a language is named, even for an empty instruction.
 */
final class Stemmers {

	private Stemmers() {
	}

	/** A new stemmer (Snowball stemmers keep state, so each reading gets its own); null for Chinese and Japanese. */
	static SnowballStemmer of(Language language) {
		return switch (language) {
			case EN -> new EnglishStemmer();
			case DE -> new GermanStemmer();
			case FR -> new FrenchStemmer();
			case ES -> new SpanishStemmer();
			case PT -> new PortugueseStemmer();
			case IT -> new ItalianStemmer();
			case ZH, JA -> null;
		};
	}

}
