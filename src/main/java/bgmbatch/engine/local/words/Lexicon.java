package bgmbatch.engine.local.words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tartarus.snowball.SnowballStemmer;

/**
 * The hand-written lexicon ({@code lexicon.txt}: which words mean which concept, per
 * language), the number words ICU spells out ({@code number-words.txt}) and Snowball's
 * stop-word lists, indexed for matching. Lexicon phrases go through the same
 * normalisation, segmentation and stemming as instructions, so one form of a word in the
 * lexicon stands for its inflections. Immutable once loaded.
 */
final class Lexicon {

	/** A phrase of the lexicon. */
	record Entry(Language language, String concept, String text, String[] surface, String[] stems, boolean exactOnly) {

		int length() {
			return this.surface.length;
		}

		boolean baseForm() {
			return this.surface.length == 1 && this.surface[0].equals(this.stems[0]);
		}

	}

	/** Entries that matched the same words, and how many words (or CJK characters) they cover. */
	record Match(int length, List<Entry> entries, int score, int exact) {

		static final Match NONE = new Match(0, List.of(), 0, 0);

		boolean found() {
			return this.length > 0;
		}

		/** The concepts of the entries, each once, in the lexicon's order. */
		List<String> concepts() {
			Set<String> concepts = new LinkedHashSet<>();
			for (Entry entry : this.entries) {
				concepts.add(entry.concept());
			}
			return List.copyOf(concepts);
		}

		/** The number a number word stands for, NaN for other words. */
		double number() {
			for (Entry entry : this.entries) {
				if (entry.concept().startsWith("number:")) {
					return Double.parseDouble(entry.concept().substring("number:".length()));
				}
			}
			return Double.NaN;
		}

	}

	private final Map<Language, Map<String, List<Entry>>> spaced = new EnumMap<>(Language.class);

	private final Map<Language, Set<String>> stopWords = new EnumMap<>(Language.class);

	/** Each language's words as written, accents and all: "musica" is Italian, "música" Spanish or Portuguese. */
	private final Map<Language, Set<String>> written = new EnumMap<>(Language.class);

	private final Map<String, List<Entry>> cjk = new HashMap<>();

	private int longestCjk;

	/** Every entry, in the order read, for {@link LexiconIndex} to write. */
	private final List<Entry> entries = new ArrayList<>();

	Lexicon() {
		for (Language language : Language.values()) {
			this.spaced.put(language, new HashMap<>());
			this.stopWords.put(language, new HashSet<>());
			this.written.put(language, new HashSet<>());
		}
	}

	/** The lexicon from the index the build made, or read from its sources when there is none or it is stale. */
	static Lexicon load(Segmenter segmenter) {
		return LexiconIndex.read(new Lexicon()).orElseGet(() -> build(segmenter));
	}

	/**
	 * Reads the sources: the hand-written lexicon, ICU's number words and Snowball's stop
	 * words, each phrase normalised, cut and stemmed. About 250 ms of CPU on a cold JVM
	 * (measured on 2 cores), which is why the build writes the result as an index.
	 */
	static Lexicon build(Segmenter segmenter) {
		Lexicon lexicon = new Lexicon();
		Keys keys = new Keys(segmenter);
		for (Language language : Language.values()) {
			if (language.spaced()) {
				lexicon.readStopWords(language, keys);
			}
		}
		lexicon.read(LexiconIndex.LEXICON, false, keys);
		lexicon.read(LexiconIndex.NUMBERS, true, keys);
		return lexicon;
	}

	private void read(String resource, boolean exactOnly, Keys keys) {
		for (String line : lines(resource)) {
			int colon = line.indexOf(": ");
			String[] head = line.substring(0, colon).strip().split("\\s+");
			Language language = Language.named(head[0])
				.orElseThrow(() -> new IllegalStateException(resource + ": unknown language in " + line));
			String concept = exactOnly ? "number:" + head[1] : head[1];
			for (String phrase : line.substring(colon + 2).split("\\|")) {
				if (!phrase.isBlank()) {
					analyse(language, concept, phrase.strip(), exactOnly, keys);
				}
			}
		}
	}

	private void analyse(Language language, String concept, String phrase, boolean exactOnly, Keys keys) {
		String text = keys.segmenter().normalise(phrase);
		if (!language.spaced() || Segmenter.isCjk(text)) {
			add(new Entry(language, concept, text, new String[] { text }, new String[] { text }, true));
			return;
		}
		List<Token> tokens = keys.segmenter().phraseTokens(text).stream().filter((t) -> !t.is("-")).toList();
		if (tokens.isEmpty()) {
			// a hyphen alone: the rules read dashes themselves
			return;
		}
		SnowballStemmer stemmer = keys.stemmer(language);
		String[] surface = new String[tokens.size()];
		String[] stems = new String[tokens.size()];
		for (int i = 0; i < tokens.size(); i++) {
			surface[i] = Keys.fold(tokens.get(i).text());
			stems[i] = exactOnly ? surface[i] : Keys.stem(stemmer, tokens.get(i).text());
		}
		tokens.forEach((t) -> this.written.get(language).add(t.text()));
		add(new Entry(language, concept, text, surface, stems, exactOnly));
	}

	/** Indexes an entry: by its first word's folded form and stem, or, in Chinese and Japanese, by its characters. */
	void add(Entry entry) {
		this.entries.add(entry);
		if (!entry.language().spaced() || Segmenter.isCjk(entry.text())) {
			this.cjk.computeIfAbsent(entry.text().replace(" ", ""), (k) -> new ArrayList<>()).add(entry);
			this.longestCjk = Math.max(this.longestCjk, entry.text().length());
			return;
		}
		Map<String, List<Entry>> index = this.spaced.get(entry.language());
		index.computeIfAbsent(entry.surface()[0], (k) -> new ArrayList<>()).add(entry);
		if (!entry.stems()[0].equals(entry.surface()[0])) {
			index.computeIfAbsent(entry.stems()[0], (k) -> new ArrayList<>()).add(entry);
		}
	}

	private void readStopWords(Language language, Keys keys) {
		SnowballStemmer stemmer = Stemmers.of(language);
		for (String line : lines(language.stopWordResource())) {
			String word = line.split("\\|", 2)[0].strip();
			if (!word.isEmpty()) {
				String normal = keys.segmenter().normalise(word);
				this.stopWords.get(language).add(Keys.fold(normal));
				this.stopWords.get(language).add(Keys.stem(stemmer, normal));
				this.written.get(language).add(normal);
			}
		}
	}

	List<Entry> entries() {
		return this.entries;
	}

	/** The stop words' keys (folded forms and stems) of each language. */
	Map<Language, Set<String>> stopWords() {
		return this.stopWords;
	}

	/** Each language's words as written. */
	Map<Language, Set<String>> written() {
		return this.written;
	}

	/** The longest lexicon phrase of the language starting at word {@code i}; hyphens between words are skipped. */
	Match longest(Keys.Words words, int i, Language language) {
		Map<String, List<Entry>> index = this.spaced.get(language);
		List<Entry> candidates = new ArrayList<>(index.getOrDefault(words.surface(i), List.of()));
		String stem = words.stem(i, language);
		if (!stem.equals(words.surface(i))) {
			for (Entry entry : index.getOrDefault(stem, List.of())) {
				if (!candidates.contains(entry)) {
					candidates.add(entry);
				}
			}
		}
		Match best = Match.NONE;
		for (Entry entry : candidates) {
			int at = i;
			int exact = 0;
			boolean matches = true;
			for (int k = 0; k < entry.length() && matches; k++) {
				if (k > 0 && words.isHyphen(at)) {
					at++;
				}
				if (at >= words.size() || !words.isWord(at)) {
					matches = false;
				}
				else if (entry.surface()[k].equals(words.surface(at))) {
					exact++;
					at++;
				}
				else if (!entry.exactOnly() && entry.stems()[k].equals(words.stem(at, language))) {
					at++;
				}
				else {
					matches = false;
				}
			}
			if (matches) {
				int score = exact * 2 + (entry.baseForm() ? 1 : 0);
				int length = at - i;
				if (length > best.length() || (length == best.length() && score > best.score())) {
					best = new Match(length, new ArrayList<>(List.of(entry)), score, exact);
				}
				else if (length == best.length() && score == best.score()) {
					best.entries().add(entry);
				}
			}
		}
		return best;
	}

	/** The longest Chinese or Japanese lexicon phrase at character {@code at} of a run; the language breaks ties. */
	Match longestCjk(String run, int at, Language preferred) {
		for (int length = Math.min(this.longestCjk, run.length() - at); length > 0; length--) {
			List<Entry> entries = this.cjk.get(run.substring(at, at + length));
			if (entries != null) {
				List<Entry> chosen = entries.stream().filter((e) -> e.language() == preferred).toList();
				return new Match(length, chosen.isEmpty() ? entries : chosen, 0, length);
			}
		}
		return Match.NONE;
	}

	/** The longest phrase of the language in one word read alone (a part of a word, a verb without its pronoun). */
	Match longest(String word, Language language) {
		return longest(Keys.Words.of(word), 0, language);
	}

	boolean isStopWord(String word, Language language) {
		return isStopWord(Keys.Words.of(word), 0, language);
	}

	boolean isStopWord(Keys.Words words, int i, Language language) {
		Set<String> stops = this.stopWords.get(language);
		return stops.contains(words.surface(i)) || stops.contains(words.stem(i, language));
	}

	/** Whether the language has this word exactly as written, accents and all. */
	boolean writes(Keys.Words words, int i, Language language) {
		return this.written.get(language).contains(words.token(i).text());
	}

	/** Whether any phrase of the language starts with this word: evidence of the language for detection. */
	boolean knows(Keys.Words words, int i, Language language) {
		Map<String, List<Entry>> index = this.spaced.get(language);
		return index.containsKey(words.surface(i)) || index.containsKey(words.stem(i, language));
	}

	static List<String> lines(String resource) {
		try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + resource);
			}
			List<String> lines = new ArrayList<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.strip().startsWith("#") && !line.startsWith(" |")) {
					lines.add(line);
				}
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + resource, ex);
		}
	}

}
