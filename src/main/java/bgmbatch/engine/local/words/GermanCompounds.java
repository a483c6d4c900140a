package bgmbatch.engine.local.words;

import java.util.ArrayList;
import java.util.List;

/**
 * German writes compounds as one word ("Hintergrundmusik", "Originalton"): an unknown
 * word is read as known words written together, with the linking "s" German puts
 * between some of them.
 */
final class GermanCompounds {

	/**
	 * A part of a compound: its characters in the word, and what the lexicon says of it
	 * ({@link Lexicon.Match#NONE} for a part known only as a stop word).
	 */
	record Part(int start, int end, Lexicon.Match match) {
	}

	private final Lexicon lexicon;

	GermanCompounds(Lexicon lexicon) {
		this.lexicon = lexicon;
	}

	/** The word's parts, or an empty list when it is not two or more known words. */
	List<Part> parts(String word) {
		List<int[]> cuts = split(word, 0);
		if (cuts == null || cuts.size() < 2) {
			return List.of();
		}
		List<Part> parts = new ArrayList<>();
		for (int[] cut : cuts) {
			String piece = word.substring(cut[0], cut[1]);
			Lexicon.Match match = this.lexicon.longest(piece, Language.DE);
			if (!match.found() && piece.endsWith("s")) {
				match = this.lexicon.longest(piece.substring(0, piece.length() - 1), Language.DE);
			}
			parts.add(new Part(cut[0], cut[1], match));
		}
		return parts;
	}

	/** The parts of a compound, longest first part first; null when it is not made of known words. */
	private List<int[]> split(String word, int from) {
		if (word.length() - from >= 3 && known(word.substring(from))) {
			return List.of(new int[] { from, word.length() });
		}
		for (int end = word.length() - 3; end >= from + 3; end--) {
			String head = word.substring(from, end);
			boolean linked = head.endsWith("s") && known(head.substring(0, head.length() - 1));
			if (known(head) || linked) {
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

	private boolean known(String piece) {
		return this.lexicon.longest(piece, Language.DE).found()
				|| (piece.length() >= 4 && this.lexicon.isStopWord(piece, Language.DE));
	}

}
