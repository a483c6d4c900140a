package bgmbatch.engine.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The moods the local engine knows, and the tag words of library tracks that name each
 * (a track tagged "lo-fi" is a calm one). Instructions are read with the lexicon
 * ({@code bgmbatch/words/lexicon.txt}), which maps the same moods in eight languages; tags
 * stay here so that indexing a library needs no text analysis.
 */
final class Moods {

	/** The built-in moods, in the order a plan lists them. */
	static final List<String> ALL = List.of("upbeat", "calm", "cinematic", "sad", "corporate", "ambient", "acoustic",
			"electronic");

	static final String DEFAULT = "upbeat";

	/** Word (or short phrase) to mood. Order matters only for phrases that contain one another. */
	private static final Map<String, String> WORDS = table();

	private Moods() {
	}

	private static Map<String, String> table() {
		Map<String, String> words = new LinkedHashMap<>();
		put(words, "upbeat", "upbeat", "up-beat", "happy", "energetic", "cheerful", "joyful", "fun", "lively", "bright",
				"uplifting", "positive", "bouncy", "playful", "轻快", "欢快");
		put(words, "calm", "calm", "calming", "relaxing", "relaxed", "lo-fi", "lo fi", "lofi", "chill", "chilled",
				"chillout", "peaceful", "soothing", "mellow", "gentle", "tranquil", "舒缓", "平静");
		put(words, "cinematic", "cinematic", "epic", "dramatic", "orchestral", "trailer", "heroic", "intense",
				"suspenseful", "tense", "史诗");
		put(words, "sad", "sad", "melancholic", "melancholy", "emotional", "somber", "sombre", "nostalgic",
				"sentimental", "悲伤");
		put(words, "corporate", "corporate", "business", "professional", "motivational", "inspiring", "inspirational");
		put(words, "ambient", "ambient", "atmospheric", "dreamy", "meditative", "spacey", "ethereal");
		put(words, "acoustic", "acoustic", "folk", "guitar", "piano", "unplugged");
		put(words, "electronic", "electronic", "edm", "techno", "synth", "synthwave", "dance", "electro");
		return java.util.Collections.unmodifiableMap(words);
	}

	private static void put(Map<String, String> words, String mood, String... synonyms) {
		for (String synonym : synonyms) {
			words.put(synonym, mood);
		}
	}

	/** The mood a word asks for, if it asks for one. */
	static Optional<String> of(String word) {
		return Optional.ofNullable(WORDS.get(word.strip().toLowerCase(Locale.ROOT)));
	}

}
