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

	}

	private final Map<Language, Map<String, List<Entry>>> spaced = new EnumMap<>(Language.class);

	private final Map<Language, Set<String>> stopWords = new EnumMap<>(Language.class);

	/** Each language's words as written, accents and all: "musica" is Italian, "música" Spanish or Portuguese. */
	private final Map<Language, Set<String>> written = new EnumMap<>(Language.class);

	private final Map<String, List<Entry>> cjk = new HashMap<>();

	private int longestCjk;

	private Lexicon() {
	}

	static Lexicon load(Segmenter segmenter) {
		Lexicon lexicon = new Lexicon();
		Keys keys = new Keys(segmenter);
		for (Language language : Language.values()) {
			lexicon.spaced.put(language, new HashMap<>());
			lexicon.stopWords.put(language, new HashSet<>());
			lexicon.written.put(language, new HashSet<>());
			if (language.spaced()) {
				lexicon.readStopWords(language, keys);
			}
		}
		lexicon.read("/bgmbatch/words/lexicon.txt", false, keys);
		lexicon.read("/bgmbatch/words/number-words.txt", true, keys);
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
					add(new Entry(language, concept, phrase.strip(), null, null, exactOnly), keys);
				}
			}
		}
	}

	private void add(Entry raw, Keys keys) {
		String text = keys.segmenter().normalise(raw.text());
		if (!raw.language().spaced() || Segmenter.isCjk(text)) {
			Entry entry = new Entry(raw.language(), raw.concept(), text, new String[] { text }, new String[] { text }, true);
			this.cjk.computeIfAbsent(text.replace(" ", ""), (k) -> new ArrayList<>()).add(entry);
			this.longestCjk = Math.max(this.longestCjk, text.length());
			return;
		}
		List<Token> tokens = keys.segmenter().phraseTokens(text).stream().filter((t) -> !t.is("-")).toList();
		if (tokens.isEmpty()) {
			// a hyphen alone: the rules read dashes themselves
			return;
		}
		SnowballStemmer stemmer = keys.stemmer(raw.language());
		String[] surface = new String[tokens.size()];
		String[] stems = new String[tokens.size()];
		for (int i = 0; i < tokens.size(); i++) {
			surface[i] = Keys.fold(tokens.get(i).text());
			stems[i] = raw.exactOnly() ? surface[i] : Keys.stem(stemmer, tokens.get(i).text());
		}
		Entry entry = new Entry(raw.language(), raw.concept(), text, surface, stems, raw.exactOnly());
		tokens.forEach((t) -> this.written.get(raw.language()).add(t.text()));
		Map<String, List<Entry>> index = this.spaced.get(raw.language());
		index.computeIfAbsent(surface[0], (k) -> new ArrayList<>()).add(entry);
		if (!stems[0].equals(surface[0])) {
			index.computeIfAbsent(stems[0], (k) -> new ArrayList<>()).add(entry);
		}
	}

	private void readStopWords(Language language, Keys keys) {
		SnowballStemmer stemmer = language.newStemmer();
		for (String line : lines(language.stopWordResource())) {
			String word = line.split("\\|", 2)[0].strip();
			if (!word.isEmpty()) {
				String normal = keys.segmenter().normalise(word);
				this.stopWords.get(language).add(Keys.fold(normal));
				this.written.get(language).add(normal);
				this.stopWords.get(language).add(Keys.stem(stemmer, normal));
			}
		}
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

	private static List<String> lines(String resource) {
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
