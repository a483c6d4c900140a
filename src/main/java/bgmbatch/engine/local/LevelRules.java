package bgmbatch.engine.local;

/**
 * The music's level: a percentage ("at 30%", "twenty percent", "百分之二十"), decibels
 * ("-12 dB", "12 dB under the voice", "6 dB quieter"), a fraction ("half volume", "a
 * quarter"), a word ("quiet", "subtle", "leise", "bajito", "小声") or a step from the
 * default ("a bit louder than usual", "turn the music down", "más bajo").
 */
final class LevelRules {

	/** "louder", "quieter": one step, as a person would turn a knob. */
	static final double STEP_DB = 3;

	/** "a bit louder", "etwas leiser". */
	static final double SMALL_STEP_DB = 2;

	/** "much louder", "viel leiser". */
	static final double BIG_STEP_DB = 6;

	/** "very quiet", "barely audible". */
	static final double VERY_QUIET = 0.08;

	private LevelRules() {
	}

	static void read(Sentence s, Draft draft) {
		for (Quantity q : s.quantities()) {
			if (s.usedAny(q)) {
				continue;
			}
			if (q.kind() == Quantity.Kind.PERCENT) {
				percent(s, draft, q, q.value());
			}
			else if (q.kind() == Quantity.Kind.DB) {
				decibels(s, draft, q);
			}
			else if (q.kind() == Quantity.Kind.BARE && !q.spelled() && TimeRules.besideVolume(s, q) && q.value() > 0
					&& q.value() <= 100) {
				// "volume 30", "Lautstärke auf 30", "0.5 volume"
				percent(s, draft, q, q.value() <= 1 ? q.value() * 100 : q.value());
				s.use("volume", s.around(q.from(), 3, "volume"));
			}
		}
		for (int i = 0; i < s.size(); i++) {
			String fraction = s.free(i) ? s.term(i).arg("fraction") : null;
			if (fraction != null) {
				draft.level(Double.parseDouble(fraction), s.term(i).text(), Draft.Weight.NUMBER, i);
				s.use("volume", i, s.near(i, 1, 2, "volume"));
			}
		}
		for (int i = 0; i < s.size(); i++) {
			String level = s.free(i) ? s.term(i).arg("level") : null;
			if (level != null) {
				double volume = Double.parseDouble(level);
				int very = s.near(i, -1, 1, (k) -> s.term(k).has("very") && s.free(k));
				if (very >= 0 && volume < InstructionParser.DEFAULT_VOLUME) {
					volume = VERY_QUIET;
				}
				int neg = Negation.of(s, i);
				if (neg >= 0) {
					// "not too loud" is a little under the default, "not too quiet" a little over
					double db = volume > InstructionParser.DEFAULT_VOLUME ? -STEP_DB : STEP_DB;
					volume = InstructionParser.DEFAULT_VOLUME * Math.pow(10, db / 20);
				}
				int first = neg >= 0 ? Math.min(neg, i) : very >= 0 ? very : i;
				draft.level(volume, s.text(first, Math.max(i, neg)), Draft.Weight.WORD, i);
				s.use("volume", i, very, neg);
			}
		}
		for (int i = 0; i < s.size(); i++) {
			boolean down = s.isAny(i, "quieter", "lower");
			boolean up = s.isAny(i, "louder", "raise");
			if (!down && !up) {
				continue;
			}
			int back = !up ? -1 : s.term(i).has("back") ? i : s.around(i, 3, "back");
			if (back >= 0) {
				// "bring it back up after": the end of a dip, not a louder bed
				if (Boolean.TRUE.equals(draft.ducking)) {
					s.use("ducking", i, back);
				}
				else {
					s.consume(i, back);
				}
				continue;
			}
			int neg = Negation.of(s, i);
			if (neg >= 0) {
				// "not too loud", "声音不要太大": the other way, one step
				boolean wasDown = down;
				down = !wasDown;
				up = wasDown;
				s.use("volume", neg);
			}
			int bit = s.around(i, 2, "bit");
			int much = bit >= 0 ? -1 : s.around(i, 2, "much");
			double db = bit >= 0 ? SMALL_STEP_DB : much >= 0 ? BIG_STEP_DB : STEP_DB;
			double volume = InstructionParser.DEFAULT_VOLUME * Math.pow(10, (down ? -db : db) / 20);
			int first = Math.min(i, Math.max(bit, much) < 0 ? i : Math.max(bit, much));
			int last = Math.max(i, Math.max(bit, much));
			draft.level(Math.min(1, volume), s.text(first, last) + " (" + (down ? "-" : "+") + format(db) + " dB)",
					Draft.Weight.RELATIVE, i);
			s.use("volume", i, bit, much, s.around(i, 4, "usual"));
		}
	}

	private static void percent(Sentence s, Draft draft, Quantity q, double percent) {
		s.use("volume", q);
		if (percent <= 0 || percent > 100) {
			draft.warnings.add("volume " + format(percent) + "% is out of range (1-100%); kept the default");
			return;
		}
		draft.level(percent / 100, null, Draft.Weight.NUMBER, q.from());
	}

	/**
	 * Signed decibels are a level against the original; "N dB under the voice" too;
	 * "N dB quieter" or "lower by N dB" is a step from the default level.
	 */
	private static void decibels(Sentence s, Draft draft, Quantity q) {
		s.use("volume", q);
		double db = q.value();
		int under = s.near(q.to() - 1, 1, 2, (k) -> s.isAny(k, "when", "quieter", "lower", "mix"));
		int reference = under < 0 ? -1 : s.near(under, 1, 3, (k) -> s.isAny(k, "voice", "original", "audio"));
		int verb = s.around(q.from(), 4, "lower");
		int raise = s.around(q.from(), 4, "raise");
		if (raise < 0) {
			raise = s.around(q.from(), 3, "louder");
		}
		String asked;
		double volume;
		if (db < 0 || reference >= 0) {
			db = -Math.abs(db);
			volume = Math.pow(10, db / 20);
			asked = format(db) + " dB";
			s.use("volume", under, reference);
		}
		else if (under >= 0 || verb >= 0 || raise >= 0) {
			db = raise >= 0 && under < 0 && verb < 0 ? db : -db;
			volume = Math.min(1, InstructionParser.DEFAULT_VOLUME * Math.pow(10, db / 20));
			asked = (db > 0 ? "+" : "") + format(db) + " dB from the default";
			s.use("volume", under, verb, raise);
		}
		else {
			draft.warnings.add("volume " + format(db) + " dB is out of range (-60 to 0 dB); kept the default");
			return;
		}
		if (db < -60) {
			draft.warnings.add("volume " + format(db) + " dB is out of range (-60 to 0 dB); kept the default");
			return;
		}
		draft.level(volume, asked, Draft.Weight.NUMBER, q.from());
	}

	static String format(double value) {
		return InstructionParser.format(value);
	}

}
