package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import bgmbatch.engine.local.words.Analysis;
import bgmbatch.engine.local.words.Term;

/**
 * An instruction's terms while the rules read it: which terms a rule has used (each is
 * used once), where clauses end, the quantities ("5 seconds", "30%", "0:10") and the
 * phrases behind each part of the plan. The rules ask it for terms by concept, near a
 * position and within a clause.
 */
final class Sentence {

	/** Concepts that are glue between the words that matter ("fade *the music* out"). */
	private static final Set<String> GLUE = Set.of("filler", "music", "video", "about", "very");

	/** Concepts a word may carry and still ask for nothing when no rule used it. */
	private static final Set<String> SILENT = Set.of("filler", "music", "audio", "original", "video", "voice", "speak",
			"when", "at", "to", "from", "until", "between", "and", "then", "over", "about", "mark", "in", "out", "begin",
			"end", "first", "last", "usual", "bit", "much", "very", "volume", "unit", "times", "start", "stop", "after",
			"mix", "keep", "only", "clear", "loudness", "minus", "number", "smooth", "music-only", "particle-verb", "down",
			"up", "back", "before", "target");

	private final Analysis analysis;

	private final List<Term> terms;

	private final boolean[] used;

	private final int[] clause;

	private final List<Quantity> quantities;

	private final Map<String, Set<Integer>> phrases = new LinkedHashMap<>();

	/** Concepts a term has from the words around it ("turn ... down" is "lower"). */
	private final Map<Integer, String> implied = new java.util.HashMap<>();

	/** Terms that go with another when it is used (the "down" of "turn the music down"). */
	private final Map<Integer, Integer> partner = new java.util.HashMap<>();

	Sentence(Analysis analysis) {
		this.analysis = analysis;
		this.terms = analysis.terms();
		this.used = new boolean[this.terms.size()];
		this.clause = new int[this.terms.size()];
		int current = 0;
		for (int i = 0; i < this.terms.size(); i++) {
			if (this.terms.get(i).kind() == Term.Kind.BOUNDARY || dash(i)) {
				current++;
			}
			this.clause[i] = current;
		}
		this.quantities = Quantity.find(this);
		phrasalVerbs();
	}

	/** "turn the music down", "bring it up", "dreh die Musik runter": a verb and its particle apart. */
	private void phrasalVerbs() {
		for (int i = 0; i < this.terms.size(); i++) {
			if (!this.terms.get(i).has("particle-verb")) {
				continue;
			}
			int down = near(i, 1, 3, (k) -> this.terms.get(k).has("down"));
			int up = near(i, 1, 3, (k) -> this.terms.get(k).has("up"));
			int particle = down >= 0 && (up < 0 || down < up) ? down : up;
			if (particle >= 0) {
				imply(i, particle == down ? "lower" : "raise", particle);
			}
		}
	}

	/** A dash with spaces around it and no number on either side ends a clause ("calm music - fade out"). */
	private boolean dash(int i) {
		Term term = this.terms.get(i);
		if (!term.isSymbol("-") || i == 0 || i + 1 >= this.terms.size()) {
			return false;
		}
		boolean spaced = this.terms.get(i - 1).end() < term.start() && this.terms.get(i + 1).start() > term.end();
		return spaced && !this.terms.get(i - 1).isNumber() && !this.terms.get(i + 1).isNumber();
	}

	Analysis analysis() {
		return this.analysis;
	}

	int size() {
		return this.terms.size();
	}

	Term term(int i) {
		return this.terms.get(i);
	}

	List<Quantity> quantities() {
		return this.quantities;
	}

	boolean free(int i) {
		return i >= 0 && i < this.terms.size() && !this.used[i];
	}

	/** Whether term {@code i} exists, is not used yet and has the concept. */
	boolean is(int i, String concept) {
		return free(i) && (this.terms.get(i).has(concept) || concept.equals(this.implied.get(i)));
	}

	/** Gives term {@code at} a concept the words around it make, and joins {@code partner} to it. */
	void imply(int at, String concept, int partner) {
		this.implied.put(at, concept);
		this.partner.put(at, partner);
	}

	boolean isAny(int i, String... concepts) {
		for (String concept : concepts) {
			if (is(i, concept)) {
				return true;
			}
		}
		return false;
	}

	int clause(int i) {
		return this.clause[i];
	}

	boolean sameClause(int a, int b) {
		return a >= 0 && b >= 0 && a < this.clause.length && b < this.clause.length && this.clause[a] == this.clause[b];
	}

	/** Whether the term is part of a quantity ("two-second" in "a gentle two-second fade-in"). */
	boolean inQuantity(int i) {
		for (Quantity q : this.quantities) {
			if (i >= q.from() && i < q.to()) {
				return true;
			}
		}
		return false;
	}

	/** Glue: a word between the ones that matter, used or not. */
	boolean glue(int i) {
		Term term = this.terms.get(i);
		if (term.kind() != Term.Kind.WORD) {
			return false;
		}
		for (String concept : term.concepts()) {
			if (GLUE.contains(concept.split(":", 2)[0])) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first free term in the clause, searching from {@code from} in {@code step}
	 * direction at most {@code reach} terms that are not glue, that matches; -1 if none.
	 */
	int near(int from, int step, int reach, IntPredicate wanted) {
		int counted = 0;
		for (int i = from + step; i >= 0 && i < this.terms.size() && sameClause(from, i); i += step) {
			if (free(i) && wanted.test(i)) {
				return i;
			}
			if (!glue(i) && ++counted >= reach) {
				return -1;
			}
		}
		return -1;
	}

	int near(int from, int step, int reach, String concept) {
		return near(from, step, reach, (i) -> is(i, concept));
	}

	/** Whether an original-sound word another rule already took lies within reach in the clause. */
	boolean sharedObject(int from, int reach) {
		for (int i = Math.max(0, from - reach); i < Math.min(this.terms.size(), from + reach + 1); i++) {
			Term term = this.terms.get(i);
			if (this.used[i] && sameClause(from, i) && (term.has("audio") || term.has("original"))) {
				return true;
			}
		}
		return false;
	}

	/** The nearest free term with the concept on either side within the clause, preferring the right. */
	int around(int from, int reach, String concept) {
		int right = near(from, 1, reach, concept);
		int left = near(from, -1, reach, concept);
		if (right < 0) {
			return left;
		}
		return left < 0 || right - from <= from - left ? right : left;
	}

	/** Every free term with the concept, in order. */
	List<Integer> all(String concept) {
		List<Integer> found = new ArrayList<>();
		for (int i = 0; i < this.terms.size(); i++) {
			if (is(i, concept)) {
				found.add(i);
			}
		}
		return found;
	}

	/** Whether a term with one of the concepts lies strictly between two positions. */
	boolean between(int a, int b, String... concepts) {
		for (int i = Math.min(a, b) + 1; i < Math.max(a, b); i++) {
			for (String concept : concepts) {
				if (this.terms.get(i).has(concept)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Marks the terms as used for a part of the plan and remembers them as the phrase behind it. */
	void use(String field, int... indexes) {
		for (int i : indexes) {
			if (i >= 0) {
				this.used[i] = true;
				this.phrases.computeIfAbsent(field, (k) -> new java.util.TreeSet<>()).add(i);
				Integer partner = this.partner.remove(i);
				if (partner != null) {
					use(field, partner);
				}
			}
		}
	}

	void use(String field, Quantity quantity) {
		for (int i = quantity.from(); i < quantity.to(); i++) {
			use(field, i);
		}
	}

	/** Marks terms as read without them setting anything (a negation that cancelled nothing, a filler). */
	void consume(int... indexes) {
		for (int i : indexes) {
			if (i >= 0) {
				this.used[i] = true;
				Integer partner = this.partner.remove(i);
				if (partner != null) {
					consume(partner);
				}
			}
		}
	}

	boolean usedAny(Quantity quantity) {
		for (int i = quantity.from(); i < quantity.to(); i++) {
			if (this.used[i]) {
				return true;
			}
		}
		return false;
	}

	/** The text from term {@code from} to term {@code to}, both included. */
	String text(int from, int to) {
		return this.analysis.text().substring(this.terms.get(from).start(), this.terms.get(to).end());
	}

	/** The phrases behind each part of the plan: runs of the terms a rule used, as written. */
	Map<String, List<String>> phrases() {
		Map<String, List<String>> out = new LinkedHashMap<>();
		this.phrases.forEach((field, indexes) -> {
			List<String> runs = new ArrayList<>();
			int start = -1;
			int last = -1;
			for (int i : indexes) {
				if (start >= 0 && !joined(last, i)) {
					runs.add(text(start, last));
					start = -1;
				}
				if (start < 0) {
					start = i;
				}
				last = i;
			}
			if (start >= 0) {
				runs.add(text(start, last));
			}
			out.put(field, List.copyOf(new LinkedHashSet<>(runs)));
		});
		return out;
	}

	/** Two used terms belong to one phrase when only glue lies between them. */
	private boolean joined(int a, int b) {
		for (int i = a + 1; i < b; i++) {
			if (!glue(i) && this.terms.get(i).kind() != Term.Kind.SYMBOL) {
				return false;
			}
		}
		return sameClause(a, b);
	}

	/** What no rule used and asks for something: unknown words, and known ones nothing could be done with. */
	List<String> leftovers() {
		Set<String> left = new LinkedHashSet<>();
		for (Quantity quantity : this.quantities) {
			if (!usedAny(quantity) && !quantity.spelled()) {
				left.add(text(quantity.from(), quantity.to() - 1));
				for (int i = quantity.from(); i < quantity.to(); i++) {
					this.used[i] = true;
				}
			}
		}
		for (int i = 0; i < this.terms.size(); i++) {
			Term term = this.terms.get(i);
			if (this.used[i] || term.kind() != Term.Kind.WORD || silent(term)) {
				continue;
			}
			left.add(term.text());
		}
		return List.copyOf(left);
	}

	private static boolean silent(Term term) {
		if (term.concepts().isEmpty()) {
			return false;
		}
		for (String concept : term.concepts()) {
			if (SILENT.contains(concept.split(":", 2)[0])) {
				return true;
			}
		}
		return false;
	}

}
