package bgmbatch.engine.local;

import bgmbatch.engine.local.words.Language;

/**
 * Which negation, if any, a word is under: "no", "don't", "without", "ohne", "sin",
 * "sans", "senza", "não", "不要" before it; Japanese "ない", "なし" after it; German "nicht"
 * on either side ("nicht loopen", "loope sie nicht"). Only within the clause, and only
 * a negation no other word took.
 */
final class Negation {

	private Negation() {
	}

	/**
	 * The negation of the term at {@code i}, or -1. A negation does not reach across "and"
	 * or "then"; French "ne ... pas" is taken whole.
	 */
	static int of(Sentence s, int i) {
		int before = s.near(i, -1, 3, (k) -> s.is(k, "neg") && !parted(s, k, i));
		if (before >= 0) {
			int pair = s.near(before, -1, 2, (k) -> s.is(k, "neg") && !parted(s, k, before));
			s.consume(pair, s.near(i, 1, 2, (k) -> s.is(k, "neg") && s.term(k).language() == Language.FR));
			return before;
		}
		return s.near(i, 1, 3, (k) -> (s.is(k, "neg-after") || s.is(k, "neg") && s.term(k).language() == Language.DE)
				&& !parted(s, i, k));
	}

	private static boolean parted(Sentence s, int a, int b) {
		return s.between(a, b, "and", "then");
	}

}
