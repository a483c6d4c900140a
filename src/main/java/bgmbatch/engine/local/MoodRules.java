package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.List;

/**
 * The mood: mood words in any of the languages ("calm", "ruhige", "tranquila", "轻快",
 * "落ち着いた"); a style (an instrument or genre: "piano", "rock") counts when no mood is
 * named. A negated mood ("don't make it sad") cannot be honoured by picking another, so
 * it is reported.
 */
final class MoodRules {

	private MoodRules() {
	}

	static void read(Sentence s, Draft draft) {
		List<Integer> at = new ArrayList<>();
		for (int i = 0; i < s.size(); i++) {
			String mood = s.free(i) ? s.term(i).arg("mood") : null;
			String style = s.free(i) ? s.term(i).arg("style") : null;
			if (mood == null && style == null) {
				continue;
			}
			int neg = s.near(i, -1, 3, "neg");
			if (neg >= 0) {
				s.consume(i, neg);
				draft.warnings.add("\"" + s.text(neg, i) + "\": a mood is chosen by naming one, not by ruling one out;"
						+ " name the mood you want");
				continue;
			}
			if (mood != null) {
				draft.moods.add(mood);
				at.add(i);
			}
			else {
				draft.styles.add(style);
			}
			s.use("mood", i);
		}
		headFirst(s, draft, at);
	}

	/**
	 * Two mood words side by side before or after the noun ("calming ambient music",
	 * "música ambiental relajante"): the one next to the noun names the kind of music, the
	 * other describes it, so the kind goes first.
	 */
	private static void headFirst(Sentence s, Draft draft, List<Integer> at) {
		if (at.size() < 2 || at.get(1) != at.get(0) + 1 || draft.moods.get(0).equals(draft.moods.get(1))) {
			return;
		}
		boolean nounAfter = at.get(1) + 1 < s.size() && s.term(at.get(1) + 1).has("music");
		boolean nounBefore = at.get(0) > 0 && s.term(at.get(0) - 1).has("music");
		if (nounAfter && !nounBefore) {
			draft.moods.add(0, draft.moods.remove(1));
		}
	}

}
