package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.List;

import bgmbatch.engine.local.words.Term;

/**
 * A number with what it counts: "5 seconds", "five secs", "0:10", "1 min 30", "30%",
 * "twenty percent", "百分之二十", "-12 dB", "-16 LUFS", "half a second", or a bare number.
 *
 * @param from its first term
 * @param to the term after its last
 * @param kind what it counts
 * @param value seconds, percent, decibels, LUFS, times, or the bare number
 * @param spelled whether it is a number word without a unit (often an article: "un", "a", "eine")
 * @param clock whether it is written as a clock ("0:10"): a point in the video, never a length
 */
record Quantity(int from, int to, Kind kind, double value, boolean spelled, boolean clock) {

	enum Kind {

		SECONDS, PERCENT, DB, LUFS, TIMES, BARE

	}

	boolean time() {
		return this.kind == Kind.SECONDS || this.kind == Kind.BARE && !this.spelled;
	}

	static List<Quantity> find(Sentence s) {
		List<Quantity> found = new ArrayList<>();
		for (int i = 0; i < s.size();) {
			Quantity quantity = at(s, i);
			if (quantity == null) {
				i++;
			}
			else {
				found.add(quantity);
				i = quantity.to();
			}
		}
		return found;
	}

	private static Quantity at(Sentence s, int i) {
		Term term = s.term(i);
		if (term.has("percent") && term.language() == bgmbatch.engine.local.words.Language.ZH && i + 1 < s.size()
				&& s.term(i + 1).isNumber()) {
			// Chinese says the percent first: 百分之二十
			return new Quantity(i, i + 2, Kind.PERCENT, s.term(i + 1).number(), false, false);
		}
		if (term.hasArg("unit") && i + 1 < s.size() && s.term(i + 1).isNumber() && (i == 0 || !s.term(i - 1).isNumber())
				&& !(i + 2 < s.size() && (unitOf(s.term(i + 2)) || s.term(i + 2).isSymbol(":")))) {
			// the unit first, as a point: "ab Minute 1", "el segundo veinte", "second 20"
			return new Quantity(i, i + 2, Kind.SECONDS, s.term(i + 1).number() * Double.parseDouble(term.arg("unit")),
					false, true);
		}
		boolean fraction = term.hasArg("fraction");
		if (!term.isNumber() && !fraction) {
			return null;
		}
		int from = i;
		double value = term.isNumber() ? term.number() : Double.parseDouble(term.arg("fraction"));
		int end = i + 1;
		if (term.kind() == Term.Kind.NUMBER && end + 1 < s.size() && s.term(end).isSymbol(":")
				&& s.term(end + 1).kind() == Term.Kind.NUMBER) {
			// a clock: 0:10, 1:02.5, 1:00:30
			value = value * 60 + s.term(end + 1).number();
			end += 2;
			if (end + 1 < s.size() && s.term(end).isSymbol(":") && s.term(end + 1).kind() == Term.Kind.NUMBER) {
				value = value * 60 + s.term(end + 1).number();
				end += 2;
			}
			return new Quantity(from, end, Kind.SECONDS, value, false, true);
		}
		if (i > 0 && (s.term(i - 1).isSymbol("-") || s.term(i - 1).has("minus"))
				&& (i < 2 || !s.term(i - 2).isNumber())) {
			value = -value;
			from = i - 1;
		}
		end = half(s, end);
		double half = end > i + 1 ? 0.5 : 0;
		value += Math.copySign(half, value);
		int unitAt = end;
		while (unitAt < s.size() && unitAt < end + 2 && (s.term(unitAt).has("filler") || s.term(unitAt).isSymbol("-"))
				&& !unitOf(s.term(unitAt))) {
			unitAt++;
		}
		if (unitAt < s.size() && unitOf(s.term(unitAt))) {
			Term unit = s.term(unitAt);
			end = unitAt + 1;
			if (unit.hasArg("unit")) {
				double seconds = value * Double.parseDouble(unit.arg("unit"));
				// "1 min 30", "1m30s", "1分30秒"; "5秒半"
				if (unit.arg("unit").equals("60") && end < s.size() && s.term(end).kind() == Term.Kind.NUMBER) {
					seconds += s.term(end).number();
					end++;
					if (end < s.size() && s.term(end).hasArg("unit")) {
						end++;
					}
				}
				else if (end < s.size() && (s.term(end).hasArg("fraction") || s.term(end).has("number:0.5"))
						&& s.term(end).text().length() == 1) {
					seconds += 0.5 * Double.parseDouble(unit.arg("unit"));
					end++;
				}
				return new Quantity(from, end, Kind.SECONDS, seconds, false, false);
			}
			Kind kind = unit.has("percent") ? Kind.PERCENT : unit.has("db") ? Kind.DB : unit.has("lufs") ? Kind.LUFS
					: Kind.TIMES;
			return new Quantity(from, end, kind, value, false, false);
		}
		if (fraction) {
			return null;
		}
		return new Quantity(from, end, Kind.BARE, value, term.kind() != Term.Kind.NUMBER, false);
	}

	/** "and a half", "y medio", "et demi", "e mezzo": the half after a number. */
	private static int half(Sentence s, int at) {
		if (at + 1 < s.size() && s.term(at).has("and")) {
			int k = at + 1;
			if (k + 1 < s.size() && s.term(k).has("filler") && !s.term(k).hasArg("fraction")) {
				k++;
			}
			if (s.term(k).has("fraction:0.5")) {
				return k + 1;
			}
		}
		return at;
	}

	private static boolean unitOf(Term term) {
		return term.hasArg("unit") || term.has("percent") || term.has("db") || term.has("lufs") || term.has("times");
	}

}
