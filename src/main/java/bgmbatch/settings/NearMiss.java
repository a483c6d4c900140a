package bgmbatch.settings;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the word a typo most likely meant: the closest known one at edit distance two or less. */
public final class NearMiss {

	public static final int MAX_DISTANCE = 2;

	private NearMiss() {
	}

	public static Optional<String> suggest(String typed, Collection<String> known) {
		return known.stream()
			.filter((word) -> distance(typed, word) <= MAX_DISTANCE)
			.min(Comparator.<String>comparingInt((word) -> distance(typed, word)).thenComparing(Comparator.naturalOrder()));
	}

	/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
	public static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
				current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
