package bgmbatch.engine.local.words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.text.Transliterator;

/**
 * Reads an instruction into {@link Term terms}: normalises and segments it, decides its
 * language, and matches every word against the lexicon, longest phrase first. Words of
 * other languages are understood too (a mixed row is read word by word); the row's own
 * language wins where both know a phrase. Thread-safe and immutable once loaded; loading
 * reads ICU's data and the lexicon, so it is done once, when the first instruction is read.
 */
public final class Analyzer {

	/**
	 * Concepts a word of a language the row shows no other sign of may still carry:
	 * unmistakable content words ("música" in an English row). Short function words are
	 * not trusted across languages: Spanish "solo" or Italian "a" in an English row are
	 * more likely English words the lexicon lacks.
	 */
	private static final Set<String> FREE = Set.of("mood", "style", "music", "audio", "voice", "fade", "fade-in",
			"fade-out", "fade-both", "duck", "loop", "replace", "remove", "mute", "preset", "unit", "percent", "db",
			"lufs", "loudness", "video");

	/** The pronouns a verb may carry at its end, longest first. */
	private static final Map<Language, List<String>> ENCLITICS = Map.of(Language.ES,
			List.of("selos", "selas", "selo", "sela", "los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se"),
			Language.IT, List.of("glielo", "gliela", "gli", "lo", "la", "li", "le", "ne", "ci", "vi", "mi", "ti", "si"),
			Language.PT, List.of("los", "las", "lhes", "lhe", "lo", "la", "nos", "nas", "no", "na", "me", "te", "se"));

	/** A language counts as used in a row once it has this much evidence: two of its words, or one phrase. */
	private static final int EVIDENCE = 3;

	private final Segmenter segmenter;

	private final Lexicon lexicon;

	/** ICU's Traditional-Simplified transliterator: 250 ms of CPU to build, so only for a row that needs it. */
	private final Simplified simplified = new Simplified();

	private Analyzer(Segmenter segmenter, Lexicon lexicon) {
		this.segmenter = segmenter;
		this.lexicon = lexicon;
	}

	/** Built on first use; transliterates under a lock, as ICU does not promise a transliterator is thread-safe. */
	private static final class Simplified {

		private Transliterator transliterator;

		synchronized Simplified get() {
			if (this.transliterator == null) {
				this.transliterator = Transliterator.getInstance("Traditional-Simplified");
			}
			return this;
		}

		synchronized String transliterate(String text) {
			return this.transliterator.transliterate(text);
		}

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
			String simplified = this.simplified.get().transliterate(analysis.text());
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
		Map<Language, Integer> scores = scores(words, text);
		Language primary = language != null ? language
				: scores.entrySet().stream().max(Map.Entry.<Language, Integer>comparingByValue()
					.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey)
					.orElse(Language.EN);
		List<Language> order = new ArrayList<>(List.of(primary));
		scores.entrySet().stream().filter((e) -> e.getKey() != primary)
			.sorted(Map.Entry.<Language, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach((e) -> order.add(e.getKey()));
		Reading reading = new Reading(text, words, order, foreign(words, primary, scores));
		List<Term> terms = reading.terms();
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

	/** Evidence per language: its phrases count 2, its stop words 1; kana makes Japanese, other Han Chinese. */
	private Map<Language, Integer> scores(Keys.Words words, String text) {
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
					int evidence = this.lexicon.knows(words, i, language) ? 2
							: this.lexicon.isStopWord(words, i, language) ? 1 : 0;
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
	private Map<Language, Integer> foreign(Keys.Words words, Language primary, Map<Language, Integer> scores) {
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
					int evidence = this.lexicon.knows(words, i, language) ? 2
							: this.lexicon.isStopWord(words, i, language) ? 1 : 0;
					foreign.merge(language, evidence, Integer::sum);
				}
			}
		}
		return foreign;
	}

	/** One instruction being matched. */
	private final class Reading {

		private final String text;

		private final Keys.Words words;

		private final List<Language> order;

		private final Map<Language, Integer> scores;

		private final List<Term> terms = new ArrayList<>();

		Reading(String text, Keys.Words words, List<Language> order, Map<Language, Integer> scores) {
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

		private int word(int i) {
			Lexicon.Match best = Lexicon.Match.NONE;
			Language from = null;
			for (Language language : this.order) {
				if (!language.spaced()) {
					continue;
				}
				Lexicon.Match match = trusted(this.lexicon().longest(this.words, i, language), language);
				if (match.length() > best.length()) {
					best = match;
					from = language;
				}
			}
			Token token = this.words.token(i);
			if (best.found()) {
				Token last = this.words.token(i + best.length() - 1);
				add(token.start(), last.end(), Term.Kind.WORD, from, concepts(best), number(best));
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
			if (!match.found() || language == this.order.get(0) || this.scores.get(language) >= EVIDENCE) {
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
				boolean trusted = language == this.order.get(0) || this.scores.get(language) >= EVIDENCE;
				if (language.spaced() && trusted && this.lexicon().isStopWord(this.words, i, language)) {
					return language;
				}
			}
			return null;
		}

		/**
		 * Spanish, Italian and Portuguese attach pronouns to verbs ("bájala", "abbassala",
		 * "quítalo", "toglilo"), which the stemmers leave on imperatives: an unknown word that
		 * is a known verb with a pronoun after it means the verb.
		 */
		private boolean enclitic(Token token) {
			for (Language language : this.order) {
				List<String> pronouns = ENCLITICS.get(language);
				boolean trusted = language == this.order.get(0) || this.scores.get(language) >= EVIDENCE;
				if (pronouns == null || !trusted) {
					continue;
				}
				for (String pronoun : pronouns) {
					String text = token.text();
					if (text.length() - pronoun.length() >= 4 && Keys.fold(text).endsWith(pronoun)) {
						String verb = text.substring(0, text.length() - pronoun.length());
						Keys.Words one = new Keys.Words(List.of(new Token(verb, 0, verb.length(), Token.Kind.WORD)));
						Lexicon.Match match = this.lexicon().longest(one, 0, language);
						if (match.found() && match.entries().stream().noneMatch((e) -> e.concept().equals("filler"))) {
							add(token.start(), token.end(), Term.Kind.WORD, language, concepts(match), number(match));
							return true;
						}
					}
				}
			}
			return false;
		}

		/**
		 * German writes compounds as one word ("Hintergrundmusik", "Originalton"): when the
		 * row is German and a word is unknown, it is read as known words written together,
		 * with the linking "s" German puts between some of them.
		 */
		private boolean decompound(Token token) {
			if (this.order.get(0) != Language.DE && this.scores.get(Language.DE) < EVIDENCE) {
				return false;
			}
			List<int[]> parts = split(token.text(), 0);
			if (parts == null || parts.size() < 2) {
				return false;
			}
			for (int[] part : parts) {
				String piece = token.text().substring(part[0], part[1]);
				Lexicon.Match match = germanWord(piece);
				if (!match.found() && piece.endsWith("s")) {
					match = germanWord(piece.substring(0, piece.length() - 1));
				}
				add(token.start() + part[0], token.start() + part[1], Term.Kind.WORD, Language.DE,
						match.found() ? concepts(match) : List.of("filler"), number(match));
			}
			return true;
		}

		/** The parts of a compound, longest first part first; null when it is not made of known words. */
		private List<int[]> split(String word, int from) {
			if (word.length() - from >= 3 && knownGerman(word.substring(from))) {
				return List.of(new int[] { from, word.length() });
			}
			for (int end = word.length() - 3; end >= from + 3; end--) {
				String head = word.substring(from, end);
				boolean linked = head.endsWith("s") && knownGerman(head.substring(0, head.length() - 1));
				if (knownGerman(head) || linked) {
					List<int[]> tail = split(word, end);
					if (tail != null) {
						List<int[]> parts = new ArrayList<>();
						parts.add(new int[] { from, end });
						parts.addAll(tail);
						return parts;
					}
				}
			}
			return null;
		}

		private Lexicon.Match germanWord(String piece) {
			Keys.Words one = new Keys.Words(List.of(new Token(piece, 0, piece.length(), Token.Kind.WORD)));
			return this.lexicon().longest(one, 0, Language.DE);
		}

		private boolean knownGerman(String piece) {
			if (germanWord(piece).found()) {
				return true;
			}
			Keys.Words one = new Keys.Words(List.of(new Token(piece, 0, piece.length(), Token.Kind.WORD)));
			return piece.length() >= 4 && this.lexicon().isStopWord(one, 0, Language.DE);
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
				Lexicon.Match match = this.lexicon().longestCjk(run, at, preferred);
				if (match.found()) {
					add(start + at, start + at + match.length(), Term.Kind.WORD, match.entries().get(0).language(),
							concepts(match), number(match));
					at += match.length();
					continue;
				}
				int end = at + 1;
				while (end < run.length() && !cuts.contains(end) && !this.lexicon().longestCjk(run, end, preferred).found()) {
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

		private Lexicon lexicon() {
			return Analyzer.this.lexicon;
		}

	}

	private static List<String> concepts(Lexicon.Match match) {
		Set<String> concepts = new LinkedHashSet<>();
		for (Lexicon.Entry entry : match.entries()) {
			concepts.add(entry.concept());
		}
		return List.copyOf(concepts);
	}

	private static double number(Lexicon.Match match) {
		for (Lexicon.Entry entry : match.entries()) {
			if (entry.concept().startsWith("number:")) {
				return Double.parseDouble(entry.concept().substring("number:".length()));
			}
		}
		return Double.NaN;
	}

}
