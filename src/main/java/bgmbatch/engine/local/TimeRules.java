package bgmbatch.engine.local;

import java.util.List;

/**
 * When the music plays: a window ("from 0:10 to 0:40", "between 10 and 40 seconds",
 * "von 0:10 bis 0:40", "10秒から40秒まで", "从10秒到40秒"), a start ("after 5 seconds", "at
 * the 20 second mark", "start the music at 0:05", "5秒后开始") or an end ("stop at 0:40",
 * "until 1:00"), and whether it repeats ("loop it", "play it once", "don't loop",
 * "ループしない").
 */
final class TimeRules {

	private TimeRules() {
	}

	/** Points and repetition; windows are read before fades take their lengths. */
	static void read(Sentence s, Draft draft) {
		points(s, draft);
		loop(s, draft);
	}

	static void windows(Sentence s, Draft draft) {
		List<Quantity> quantities = s.quantities();
		for (int k = 0; k + 1 < quantities.size(); k++) {
			Quantity first = quantities.get(k);
			Quantity second = quantities.get(k + 1);
			if (s.usedAny(first) || s.usedAny(second) || !first.time() && first.kind() != Quantity.Kind.BARE
					|| second.kind() != Quantity.Kind.SECONDS && !second.time() || !s.sameClause(first.from(), second.from())) {
				continue;
			}
			int link = linkBetween(s, first, second);
			if (link < 0) {
				continue;
			}
			int from = s.near(first.from(), -1, 2, (i) -> s.isAny(i, "from", "between"));
			boolean between = from >= 0 && s.is(from, "between");
			boolean postFrom = postPosition(s, link, "from");
			boolean units = first.kind() == Quantity.Kind.SECONDS && second.kind() == Quantity.Kind.SECONDS;
			boolean and = s.term(link).has("and") && !s.term(link).has("to");
			if (and && !between || from < 0 && !postFrom && !units) {
				continue;
			}
			draft.start = first.value();
			draft.end = second.value();
			s.use("start", first);
			s.use("start", from, link);
			s.use("end", second);
			int until = s.near(second.to() - 1, 1, 1, "until");
			s.use("end", until);
		}
	}

	/** The word joining two times: to, until, and (after between), a dash, から/まで, 到. */
	private static int linkBetween(Sentence s, Quantity first, Quantity second) {
		for (int i = first.to(); i < second.from(); i++) {
			if (s.free(i) && (s.term(i).has("to") || s.term(i).has("until") || s.term(i).has("from")
					|| s.term(i).has("and") || s.term(i).isSymbol("-") || s.term(i).isSymbol("~"))) {
				return i;
			}
			if (!s.glue(i) && !s.term(i).has("at")) {
				return -1;
			}
		}
		return -1;
	}

	private static void points(Sentence s, Draft draft) {
		for (Quantity q : s.quantities()) {
			if (s.usedAny(q) || !q.time() || q.value() < 0 || q.kind() == Quantity.Kind.BARE && besideVolume(s, q)) {
				continue;
			}
			int before = s.near(q.from(), -1, 2,
					(i) -> s.isAny(i, "after", "until", "from", "at", "to", "first", "before"));
			int after = s.near(q.to() - 1, 1, 2, (i) -> s.isAny(i, "after", "until", "from", "mark", "start", "stop"));
			String field = null;
			int marker = -1;
			int startVerb = s.around(q.from(), 6, "start");
			boolean notStart = startVerb >= 0 && Negation.of(s, startVerb) >= 0;
			if (before >= 0 && s.is(before, "first") && firstIsSilence(s, before)) {
				// "after the first 5 seconds", "no music during the first 15 seconds"
				marker = before;
				field = "start";
			}
			else if (before >= 0 && s.is(before, "first")) {
				// "music for the first 30 seconds only": it plays that long (fades took theirs already)
				marker = before;
				field = "end";
			}
			else if (before >= 0 && s.isAny(before, "until", "before") && notStart) {
				// "don't start until 0:20", "ne commence pas avant la vingtième seconde"
				field = "start";
				marker = before;
				s.use(field, startVerb, Negation.of(s, startVerb));
			}
			else if (before >= 0 && s.is(before, "before")) {
				field = "end";
				marker = before;
			}
			else if (after >= 0 && postPosition(s, after, "after")) {
				field = "start";
				marker = after;
			}
			else if (after >= 0 && postPosition(s, after, "until")) {
				field = "end";
				marker = after;
			}
			else if (after >= 0 && postPosition(s, after, "from")) {
				field = "start";
				marker = after;
			}
			else if (before >= 0 && s.is(before, "after")) {
				// "nach vierzig Sekunden aufhören": after a time, a stop verb ends the music
				int verb = verb(s, q);
				field = verb >= 0 && s.term(verb).has("stop") && !s.term(verb).has("start") ? "end" : "start";
				marker = before;
			}
			else if (before >= 0 && s.isAny(before, "until") && !s.is(before, "at")) {
				field = "end";
				marker = before;
			}
			else if (before >= 0 && s.is(before, "from") && !s.is(before, "over")) {
				field = "start";
				marker = before;
			}
			int delay = s.around(q.from(), 2, "delay");
			if (field == null && delay >= 0) {
				// "after a 10 second delay", "mit 5 Sekunden Verzögerung", "延迟3秒"
				field = "start";
				marker = delay;
			}
			int verb = verb(s, q);
			if (field == null && verb >= 0) {
				field = s.term(verb).has("stop") && !s.term(verb).has("start") ? "end" : "start";
			}
			if (field == null && (before >= 0 && s.is(before, "at") || after >= 0 && s.is(after, "mark"))) {
				// "music at 0:05", "at the 20 second mark": a point with no verb is where the music comes in
				field = "start";
				marker = before >= 0 && s.is(before, "at") ? before : after;
			}
			if (field == null) {
				continue;
			}
			if (field.equals("start")) {
				draft.start = q.value();
			}
			else {
				draft.end = q.value();
			}
			s.use(field, q);
			s.use(field, marker, verb, field.equals("start") ? delay : -1);
			if (after >= 0 && s.is(after, "mark")) {
				s.use(field, after);
			}
		}
	}

	/** "0.5 volume", "volume 30": a level, whatever the preposition before it. */
	static boolean besideVolume(Sentence s, Quantity q) {
		return q.from() > 0 && s.term(q.from() - 1).has("volume") || q.to() < s.size() && s.term(q.to()).has("volume")
				|| s.near(q.from(), -1, 3, (i) -> s.term(i).has("volume")) >= 0;
	}

	/** Whether the first seconds are meant without music: "after the first", "no music during the first". */
	private static boolean firstIsSilence(Sentence s, int first) {
		int after = s.near(first, -1, 3, "after");
		if (after >= 0) {
			s.consume(after);
			return true;
		}
		for (int i = first - 1; i >= 0 && first - i <= 8 && s.clause(i) >= s.clause(first) - 1; i--) {
			if (s.is(i, "after") || s.is(i, "neg") && s.near(i, 1, 3, (k) -> s.term(k).has("music")) >= 0) {
				s.consume(i);
				return true;
			}
		}
		// "音楽は最初の5秒は入れないで": the negation after the verb
		int after2 = s.near(first, 1, 6, (k) -> s.isAny(k, "neg-after", "neg"));
		if (after2 >= 0) {
			s.consume(after2);
			return true;
		}
		return false;
	}

	/** Japanese and Chinese put "after", "until" and "from" after the time: 5秒後, 40秒まで, 10秒から. */
	private static boolean postPosition(Sentence s, int at, String concept) {
		return s.is(at, concept) && s.term(at).language() != null && !s.term(at).language().spaced();
	}

	/** A start or stop verb in the clause, nearest first ("bring the music in at the 20 second mark"). */
	private static int verb(Sentence s, Quantity q) {
		int left = s.near(q.from(), -1, 6, (i) -> s.isAny(i, "start", "stop"));
		int right = s.near(q.to() - 1, 1, 4, (i) -> s.isAny(i, "start", "stop"));
		if (left < 0) {
			return right;
		}
		if (right < 0) {
			return left;
		}
		return q.from() - left <= right - q.to() + 1 ? left : right;
	}

	private static void loop(Sentence s, Draft draft) {
		for (int i : s.all("once")) {
			draft.loop = false;
			s.use("loop", i);
		}
		for (Quantity q : s.quantities()) {
			if (!s.usedAny(q) && q.kind() == Quantity.Kind.TIMES && q.value() == 1) {
				draft.loop = false;
				s.use("loop", q);
			}
		}
		for (int i : s.all("loop")) {
			int neg = Negation.of(s, i);
			draft.loop = neg < 0 ? (draft.loop == null || draft.loop) : false;
			s.use("loop", i, neg);
		}
	}

}
