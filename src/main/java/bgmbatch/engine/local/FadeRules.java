package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Fades: "fade in", "fade it out at the end", "ausblenden", "blende die Musik am Ende
 * aus", "fundido de salida", "淡出", "フェードアウト"; a generic "fade" takes its direction
 * from a particle or a place ("fade the music over the final 6 seconds"). A length is the
 * nearest time in the clause ("over 3 seconds", "a 4-second fade-out", "5秒淡出"); "last"
 * and "first" say which fade a length belongs to. A negation turns a fade off ("no fade
 * out", "ohne Ausblenden", "フェードアウトなし").
 */
final class FadeRules {

	/** A fade with no length given; the pipeline issue's 3 s. */
	static final double DEFAULT_SECONDS = 3;

	/** "a slow fade", "a long fade-out". */
	static final double SLOW_SECONDS = 5;

	/** "a quick fade", "kurz ausblenden". */
	static final double QUICK_SECONDS = 1;

	private enum Direction {

		IN, OUT, BOTH

	}

	private static final class Head {

		final int at;

		final List<Integer> words = new ArrayList<>();

		Direction direction;

		boolean off;

		Double seconds;

		double plain = DEFAULT_SECONDS;

		Head(int at, Direction direction) {
			this.at = at;
			this.direction = direction;
			this.words.add(at);
		}

		/** The words that say this fade, used up at once so no other rule reads them. */
		void take(Sentence s, int... indexes) {
			for (int i : indexes) {
				if (i >= 0) {
					s.consume(i);
					this.words.add(i);
				}
			}
		}

		boolean takes(Direction wanted) {
			return this.direction == wanted || this.direction == Direction.BOTH;
		}

	}

	private FadeRules() {
	}

	static void read(Sentence s, Draft draft) {
		List<Head> heads = heads(s);
		if (heads.isEmpty()) {
			return;
		}
		for (Head head : heads) {
			negation(s, head);
			modifiers(s, head);
		}
		lengths(s, heads);
		bareLengths(s, heads);
		for (Head head : heads) {
			for (String field : fields(head)) {
				s.use(field, head.words.stream().mapToInt(Integer::intValue).toArray());
			}
			double seconds = head.off ? 0 : head.seconds != null ? head.seconds : head.plain;
			if (head.takes(Direction.IN) && (draft.fadeIn == null || draft.fadeIn == DEFAULT_SECONDS)) {
				draft.fadeIn = seconds;
			}
			if (head.takes(Direction.OUT) && (draft.fadeOut == null || draft.fadeOut == DEFAULT_SECONDS)) {
				draft.fadeOut = seconds;
			}
		}
	}

	private static List<String> fields(Head head) {
		return head.direction == Direction.IN ? List.of("fadeIn")
				: head.direction == Direction.OUT ? List.of("fadeOut") : List.of("fadeIn", "fadeOut");
	}

	private static List<Head> heads(Sentence s) {
		List<Head> heads = new ArrayList<>();
		for (int i = 0; i < s.size(); i++) {
			Direction direction = s.is(i, "fade-both") ? Direction.BOTH : s.is(i, "fade-in") ? Direction.IN
					: s.is(i, "fade-out") ? Direction.OUT : null;
			if (direction == null && !s.is(i, "fade")) {
				continue;
			}
			Head head = new Head(i, direction);
			s.consume(i);
			if (direction == null) {
				head.direction = direction(s, head);
			}
			else if (direction != Direction.BOTH) {
				// "fade-in and out", "fade in and then out again"
				String other = direction == Direction.IN ? "out" : "in";
				int and = s.near(i, 1, 2, "and");
				int particle = and < 0 ? -1 : s.near(and, 1, 2, other);
				if (particle >= 0) {
					head.take(s, and, particle);
					head.direction = Direction.BOTH;
				}
			}
			place(s, head);
			heads.add(head);
		}
		orphans(s, heads);
		return heads;
	}

	/** A generic "fade": a particle after it ("fade it out", "blende ... aus"), else where it is, else both. */
	private static Direction direction(Sentence s, Head head) {
		int i = head.at;
		int in = s.near(i, 1, 3, "in");
		int out = s.near(i, 1, 3, "out");
		if (in < 0 && out < 0 && s.term(i).language() == bgmbatch.engine.local.words.Language.DE) {
			// German separable verbs put the particle at the end of the clause
			in = s.near(i, 1, 12, "in");
			out = s.near(i, 1, 12, "out");
		}
		if (in >= 0 && out >= 0) {
			head.take(s, in, out);
			return Direction.BOTH;
		}
		if (in >= 0 || out >= 0) {
			int particle = in >= 0 ? in : out;
			head.take(s, particle);
			int and = s.near(particle, 1, 1, "and");
			int other = and < 0 ? -1 : s.near(and, 1, 1, in >= 0 ? "out" : "in");
			if (other >= 0) {
				head.take(s, and, other);
				return Direction.BOTH;
			}
			return in >= 0 ? Direction.IN : Direction.OUT;
		}
		int begin = s.around(i, 4, "begin");
		int end = s.around(i, 4, "end");
		if (begin >= 0 && end < 0) {
			return Direction.IN;
		}
		if (end >= 0 && begin < 0) {
			return Direction.OUT;
		}
		int first = s.around(i, 5, "first");
		int last = s.around(i, 5, "last");
		if (first >= 0 != last >= 0) {
			return first >= 0 ? Direction.IN : Direction.OUT;
		}
		// "a fade of 5 seconds" is the one at the end; "fades", "fundidos", "dissolvenze" are both
		return plural(s.term(i)) ? Direction.BOTH : Direction.OUT;
	}

	private static boolean plural(bgmbatch.engine.local.words.Term term) {
		String text = term.text();
		return term.language() == bgmbatch.engine.local.words.Language.IT ? text.endsWith("e")
				: term.language() == bgmbatch.engine.local.words.Language.DE ? text.endsWith("en") || text.endsWith("s")
						: text.endsWith("s");
	}

	/** "at the end", "am Anfang" next to a fade belong to it. */
	private static void place(Sentence s, Head head) {
		String where = head.direction == Direction.IN ? "begin" : head.direction == Direction.OUT ? "end" : null;
		if (where != null) {
			head.take(s, s.around(head.at, 4, where));
		}
	}

	/** "fade in at the start and out at the end": a bare particle after "and" continues an earlier fade. */
	private static void orphans(Sentence s, List<Head> heads) {
		if (heads.isEmpty()) {
			return;
		}
		for (String particle : List.of("in", "out")) {
			for (int i : s.all(particle)) {
				if (i > heads.get(0).at && i > 0 && (s.term(i - 1).has("and") || s.term(i - 1).has("then"))) {
					Head head = new Head(i, particle.equals("in") ? Direction.IN : Direction.OUT);
					head.take(s, i - 1, i);
					place(s, head);
					heads.add(head);
				}
			}
		}
		heads.sort((a, b) -> Integer.compare(a.at, b.at));
	}

	/** "no fade out", "don't fade", "ohne Ausblenden", "sin fundido", "フェードアウトなし". */
	private static void negation(Sentence s, Head head) {
		int neg = Negation.of(s, head.at);
		if (neg >= 0) {
			head.off = true;
			if (s.term(head.at).has("fade") && head.words.size() == 1) {
				// "no fade", "sin fundido": none at all
				head.direction = Direction.BOTH;
			}
			head.take(s, neg);
		}
	}

	/** "a slow fade", "a quick fade-out", "a gentle fade-in", "fundido suave". */
	private static void modifiers(Sentence s, Head head) {
		for (int step : new int[] { -1, 1 }) {
			int at = -1;
			int counted = 0;
			for (int i = head.at + step; i >= 0 && i < s.size() && s.sameClause(head.at, i) && counted < 2; i += step) {
				if (s.isAny(i, "slow", "quick", "smooth")) {
					at = i;
					break;
				}
				if (!s.glue(i) && !s.inQuantity(i)) {
					counted++;
				}
			}
			if (at >= 0 && !s.term(at).has("neg")) {
				if (s.is(at, "slow")) {
					head.plain = SLOW_SECONDS;
				}
				else if (s.is(at, "quick")) {
					head.plain = QUICK_SECONDS;
				}
				head.take(s, at);
			}
		}
	}

	/** Gives each fade the time meant for it; see the class comment. */
	private static void lengths(Sentence s, List<Head> heads) {
		for (Quantity q : s.quantities()) {
			if (s.usedAny(q) || !duration(s, q)) {
				continue;
			}
			int marker = marker(s, q);
			Head head = null;
			if (marker >= 0 && s.term(marker).has("last")) {
				head = nearest(s, heads, q, Direction.OUT);
			}
			else if (marker >= 0 && s.term(marker).has("first")) {
				head = nearest(s, heads, q, Direction.IN);
			}
			if (head == null) {
				head = attach(s, heads, q);
			}
			if (head == null || head.seconds != null) {
				continue;
			}
			if (marker >= 0 && head.direction == Direction.BOTH && s.term(head.at).has("fade")) {
				// "fade the music over the final 6 seconds"
				head.direction = s.term(marker).has("last") ? Direction.OUT : Direction.IN;
			}
			head.seconds = q.value();
			for (int i = q.from(); i < q.to(); i++) {
				head.take(s, i);
			}
			int over = s.near(marker >= 0 ? marker : q.from(), -1, 2, "over");
			head.take(s, marker, over);
		}
	}

	/** "the fade-out four": a bare number right after a fade, when the sentence gave another fade seconds. */
	private static void bareLengths(Sentence s, List<Head> heads) {
		boolean secondsGiven = heads.stream().anyMatch((h) -> h.seconds != null);
		for (Head head : heads) {
			if (head.seconds != null || !secondsGiven) {
				continue;
			}
			for (Quantity q : s.quantities()) {
				if (!s.usedAny(q) && q.kind() == Quantity.Kind.BARE && q.from() > head.at && q.value() > 0 && q.value() <= 60
						&& s.near(head.at, 1, 2, (i) -> i == q.from()) == q.from()) {
					head.seconds = q.value();
					for (int i = q.from(); i < q.to(); i++) {
						head.take(s, i);
					}
				}
			}
		}
	}

	/** A length, not a point: seconds, or a bare number after "over"; nothing "after", "at", "from" or "until". */
	private static boolean duration(Sentence s, Quantity q) {
		if (q.value() <= 0 || q.kind() != Quantity.Kind.SECONDS && q.kind() != Quantity.Kind.BARE || q.clock()) {
			return false;
		}
		int before = q.from() - 1;
		while (before >= 0 && s.glue(before) && !s.term(before).has("over") && !s.term(before).has("last")
				&& !s.term(before).has("first")) {
			before--;
		}
		boolean over = before >= 0 && (s.term(before).has("over") || s.term(before).has("last")
				|| s.term(before).has("first"));
		boolean point = before >= 0 && !over && (s.term(before).has("after") || s.term(before).has("at")
				|| s.term(before).has("from") || s.term(before).has("until") || s.term(before).has("to")
				|| s.term(before).has("between"));
		boolean pointAfter = q.to() < s.size() && (s.term(q.to()).has("after") || s.term(q.to()).has("mark")
				&& !s.term(q.to()).has("over") || s.term(q.to()).has("from") && !s.term(q.to()).has("filler")
				|| s.term(q.to()).has("until"));
		if (point || pointAfter && !over) {
			return false;
		}
		return q.kind() == Quantity.Kind.SECONDS || over;
	}

	/** "the last", "the first", "letzten", "最后": the word before a length that says where it lies. */
	private static int marker(Sentence s, Quantity q) {
		int at = s.near(q.from(), -1, 2, (i) -> s.isAny(i, "last", "first"));
		if (at < 0) {
			at = s.near(q.to() - 1, 1, 1, (i) -> s.isAny(i, "last", "first") && s.term(i).language() != null
					&& !s.term(i).language().spaced());
		}
		return at;
	}

	private static Head nearest(Sentence s, List<Head> heads, Quantity q, Direction wanted) {
		Head best = null;
		for (Head head : heads) {
			if (s.sameClause(head.at, q.from()) && (head.takes(wanted) || s.term(head.at).has("fade"))
					&& head.seconds == null
					&& (best == null || Math.abs(head.at - q.from()) < Math.abs(best.at - q.from()))) {
				best = head;
			}
		}
		return best;
	}

	/** The fade before the time unless an "and" parts them and a fade follows; else the fade after it. */
	private static Head attach(Sentence s, List<Head> heads, Quantity q) {
		Head left = null;
		Head right = null;
		for (Head head : heads) {
			if (!s.sameClause(head.at, q.from())) {
				continue;
			}
			if (head.at < q.from()) {
				left = head;
			}
			else if (right == null && head.at >= q.to()) {
				right = head;
			}
		}
		boolean leftParted = left != null && s.between(left.at, q.from(), "and", "then");
		boolean rightParted = right != null && s.between(q.to() - 1, right.at, "and", "then");
		if (left != null && left.seconds == null && !(leftParted && right != null && !rightParted)) {
			return left;
		}
		if (right != null && right.seconds == null) {
			return right;
		}
		return left != null && left.seconds == null ? left : null;
	}

}
