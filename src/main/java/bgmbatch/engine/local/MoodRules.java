package bgmbatch.engine.local;

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
			}
			else {
				draft.styles.add(style);
			}
			s.use("mood", i);
		}
	}

}
