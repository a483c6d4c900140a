package bgmbatch.engine.local.words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an instruction into {@link Term terms}: normalises and segments it, decides its
 * language, and matches every word against the lexicon, longest phrase first. Words of
 * other languages are understood too (a mixed row is read word by word); the row's own
 * language wins where both know a phrase. Thread-safe and immutable once loaded; loading
 * reads ICU's data and the lexicon, so it is done once, when the first instruction is read.
 * <p>
 * The language evidence is weighed by {@link Evidence}, the words matched by a
 * {@link Reading} (with {@link Enclitics} and {@link GermanCompounds} for words the
 * lexicon has only in parts).
 */
public final class Analyzer {

	private final Segmenter segmenter;

	private final Evidence evidence;

	private final Lexicon lexicon;

	private final SimplifiedChinese simplified = new SimplifiedChinese();

	private Analyzer(Segmenter segmenter, Lexicon lexicon) {
		this.segmenter = segmenter;
		this.evidence = new Evidence(lexicon);
		this.lexicon = lexicon;
	}

	public static Analyzer load() {
		Segmenter segmenter = new Segmenter();
		return new Analyzer(segmenter, Lexicon.load(segmenter));
	}

	/**
	 * @param instruction the instruction as written
	 * @param language the row's language when the manifest gives it, else null to detect it
	 */
	public Analysis analyze(String instruction, Language language) {
		Analysis analysis = analyzeNormalised(this.segmenter.normalise(instruction == null ? "" : instruction), language);
		if (analysis.language() == Language.ZH && unknownChinese(analysis)) {
			// the lexicon is written in simplified characters: a row with words it does not know
			// is read again in simplified characters (背景音樂 -> 背景音乐), if that changes anything
			String simplified = this.simplified.transliterate(analysis.text());
			if (!simplified.equals(analysis.text())) {
				return analyzeNormalised(simplified, language);
			}
		}
		return analysis;
	}

	private static boolean unknownChinese(Analysis analysis) {
		return analysis.terms().stream().anyMatch((t) -> !t.known() && Segmenter.isCjk(t.text()));
	}

	private Analysis analyzeNormalised(String text, Language language) {
		Keys.Words words = new Keys.Words(this.segmenter.tokens(text));
		Map<Language, Integer> scores = this.evidence.scores(words, text);
		Language primary = language != null ? language
				: scores.entrySet().stream().max(Map.Entry.<Language, Integer>comparingByValue()
					.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey)
					.orElse(Language.EN);
		List<Language> order = new ArrayList<>(List.of(primary));
		scores.entrySet().stream().filter((e) -> e.getKey() != primary)
			.sorted(Map.Entry.<Language, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach((e) -> order.add(e.getKey()));
		List<Term> terms = new Reading(this.lexicon, text, words, order, this.evidence.foreign(words, primary, scores))
			.terms();
		Set<Language> used = new LinkedHashSet<>();
		for (Term term : terms) {
			// Chinese characters are shared: a Japanese entry found in a Chinese row is Japanese only with kana in it
			boolean shared = !primary.spaced() && term.language() != null && !term.language().spaced()
					&& term.text().codePoints().noneMatch(Segmenter::isKana);
			boolean word = term.text().codePoints().anyMatch(Character::isLetter);
			if (term.language() != null && term.language() != primary && !term.has("filler") && !shared && word) {
				used.add(term.language());
			}
		}
		return new Analysis(text, terms, primary, List.copyOf(used));
	}

}
