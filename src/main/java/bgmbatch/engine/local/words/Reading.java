package bgmbatch.engine.local.words;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instruction being matched against the lexicon, word by word, longest phrase first,
 * in the row's languages in order of their evidence. Not thread-safe: one per instruction.
 */
final class Reading {

	/**
	 * Concepts a word of a language the row shows no other sign of may still carry:
	 * unmistakable content words ("música" in an English row). Short function words are
	 * not trusted across languages: Spanish "solo" or Italian "a" in an English row are
	 * more likely English words the lexicon lacks.
	 */
	private static final Set<String> FREE = Set.of("mood", "style", "music", "audio", "voice", "fade", "fade-in",
			"fade-out", "fade-both", "duck", "loop", "replace", "remove", "mute", "preset", "unit", "percent", "db",
			"lufs", "loudness", "video");

	private final Lexicon lexicon;

	private final String text;

	private final Keys.Words words;

	private final List<Language> order;

	private final Map<Language, Integer> scores;

	private final List<Term> terms = new ArrayList<>();

	/**
	 * @param order the row's language first, then the others by evidence
	 * @param scores each language's evidence in this row ({@link Evidence#foreign})
	 */
	Reading(Lexicon lexicon, String text, Keys.Words words, List<Language> order, Map<Language, Integer> scores) {
		this.lexicon = lexicon;
		this.text = text;
		this.words = words;
		this.order = order;
		this.scores = scores;
	}

	List<Term> terms() {
		for (int i = 0; i < this.words.size();) {
			Token token = this.words.token(i);
			switch (token.kind()) {
				case BOUNDARY -> {
					add(token.start(), token.end(), Term.Kind.BOUNDARY, null, List.of(), Double.NaN);
					i++;
				}
				case NUMBER -> {
					add(token.start(), token.end(), Term.Kind.NUMBER, null, List.of(),
							Double.parseDouble(token.text().replace(',', '.')));
					i++;
				}
				case CJK -> i = cjkRun(i);
				default -> i = word(i);
			}
		}
		return this.terms;
	}

	/** The row's own language, or one with enough evidence in the row. */
	private boolean trusted(Language language) {
		return language == this.order.get(0) || this.scores.get(language) >= Evidence.ENOUGH;
	}

	private int word(int i) {
		Lexicon.Match best = Lexicon.Match.NONE;
		Language from = null;
		for (Language language : this.order) {
			if (!language.spaced()) {
				continue;
			}
			Lexicon.Match match = trusted(this.lexicon.longest(this.words, i, language), language);
			if (match.length() > best.length()) {
				best = match;
				from = language;
			}
		}
		Token token = this.words.token(i);
		if (best.found()) {
			Token last = this.words.token(i + best.length() - 1);
			add(token.start(), last.end(), Term.Kind.WORD, from, best.concepts(), best.number());
			return i + best.length();
		}
		Term.Kind kind = token.kind() == Token.Kind.SYMBOL ? Term.Kind.SYMBOL : Term.Kind.WORD;
		if (kind == Term.Kind.WORD && enclitic(token)) {
			return i + 1;
		}
		if (kind == Term.Kind.WORD && !decompound(token)) {
			Language filler = stopWordOf(i);
			add(token.start(), token.end(), kind, filler, filler == null ? List.of() : List.of("filler"), Double.NaN);
		}
		else if (kind == Term.Kind.SYMBOL) {
			add(token.start(), token.end(), kind, null, List.of(), Double.NaN);
		}
		return i + 1;
	}

	/**
	 * Drops what a language without evidence in this row may not say (see {@link #FREE}),
	 * and matches by stem: a German stem in an English row ("still" from "stille") is chance.
	 */
	private Lexicon.Match trusted(Lexicon.Match match, Language language) {
		if (!match.found() || trusted(language)) {
			return match;
		}
		if (match.exact() < match.entries().get(0).length()) {
			return Lexicon.Match.NONE;
		}
		List<Lexicon.Entry> free = match.entries().stream()
			.filter((e) -> FREE.contains(e.concept().split(":", 2)[0]))
			.toList();
		return free.isEmpty() ? Lexicon.Match.NONE
				: new Lexicon.Match(match.length(), free, match.score(), match.exact());
	}

	private Language stopWordOf(int i) {
		for (Language language : this.order) {
			if (language.spaced() && trusted(language) && this.lexicon.isStopWord(this.words, i, language)) {
				return language;
			}
		}
		return null;
	}

	/** A verb with a pronoun at its end ({@link Enclitics}), in a language trusted in this row. */
	private boolean enclitic(Token token) {
		for (Language language : this.order) {
			if (!trusted(language)) {
				continue;
			}
			Lexicon.Match verb = Enclitics.verb(this.lexicon, token.text(), language);
			if (verb.found()) {
				add(token.start(), token.end(), Term.Kind.WORD, language, verb.concepts(), verb.number());
				return true;
			}
		}
		return false;
	}

	/** An unknown word of a German row read as a compound ({@link GermanCompounds}). */
	private boolean decompound(Token token) {
		if (this.order.get(0) != Language.DE && this.scores.get(Language.DE) < Evidence.ENOUGH) {
			return false;
		}
		List<GermanCompounds.Part> parts = new GermanCompounds(this.lexicon).parts(token.text());
		for (GermanCompounds.Part part : parts) {
			Lexicon.Match match = part.match();
			add(token.start() + part.start(), token.start() + part.end(), Term.Kind.WORD, Language.DE,
					match.found() ? match.concepts() : List.of("filler"), match.number());
		}
		return !parts.isEmpty();
	}

	/** A run of Chinese or Japanese: lexicon phrases by longest match, the rest cut where ICU cuts words. */
	private int cjkRun(int first) {
		int last = first;
		while (last + 1 < this.words.size() && this.words.token(last + 1).kind() == Token.Kind.CJK
				&& this.words.token(last + 1).start() == this.words.token(last).end()) {
			last++;
		}
		int start = this.words.token(first).start();
		String run = this.text.substring(start, this.words.token(last).end());
		Set<Integer> cuts = new LinkedHashSet<>();
		for (int i = first; i <= last; i++) {
			cuts.add(this.words.token(i).end() - start);
		}
		Language preferred = this.order.stream().filter((l) -> !l.spaced()).findFirst().orElse(Language.ZH);
		int at = 0;
		while (at < run.length()) {
			Lexicon.Match match = this.lexicon.longestCjk(run, at, preferred);
			if (match.found()) {
				add(start + at, start + at + match.length(), Term.Kind.WORD, match.entries().get(0).language(),
						match.concepts(), match.number());
				at += match.length();
				continue;
			}
			int end = at + 1;
			while (end < run.length() && !cuts.contains(end) && !this.lexicon.longestCjk(run, end, preferred).found()) {
				end++;
			}
			add(start + at, start + end, Term.Kind.WORD, null, List.of(), Double.NaN);
			at = end;
		}
		return last + 1;
	}

	private void add(int start, int end, Term.Kind kind, Language language, List<String> concepts, double number) {
		this.terms.add(new Term(this.text.substring(start, end), start, end, kind, language, concepts, number));
	}

}
