package bgmbatch.engine.local;

import bgmbatch.engine.local.words.Language;

/**
 * The sound around the music: the loudness target ("-16 LUFS", "for broadcast", "für
 * YouTube", "for a podcast"), ducking ("duck under speech", "dip the music when people
 * talk", "sidechain it to the dialogue", "keep the voice clear", "don't drown out the
 * narrator") and how deep it goes ("duck by 10 dB", "um 10 dB absenken"), and the
 * original sound ("replace the audio", "strip the soundtrack", "mute the video's own
 * audio", "music only", "keep the original", "sin el audio original").
 */
final class SoundRules {

	/** What "keep the voice clear" means for the level, besides ducking. */
	static final double VOICE_CLEAR = 0.2;

	/** The deepest dip asked for that is used: 40 dB down leaves 1% of the music's level, silence under speech. */
	static final double MAX_DUCKING_DB = 40;

	/** How many terms from the ducking words a depth may stand ("duck the music by 10 dB": 4). */
	private static final int DEPTH_REACH = 5;

	private SoundRules() {
	}

	static void loudness(Sentence s, Draft draft) {
		for (Quantity q : s.quantities()) {
			if (!s.usedAny(q) && q.kind() == Quantity.Kind.LUFS && draft.loudness == null) {
				draft.loudness = -Math.abs(q.value());
				s.use("loudness", q);
				s.use("loudness", s.near(q.from(), -1, 3, "loudness"));
			}
		}
		for (int i : s.all("loudness")) {
			// "normalise to -16", "loudness -14": a level near a loudness word is its target
			for (Quantity q : s.quantities()) {
				boolean near = s.sameClause(i, q.from()) && Math.abs(q.from() - i) <= 4;
				boolean level = q.kind() == Quantity.Kind.BARE && !q.spelled() || q.kind() == Quantity.Kind.DB;
				if (near && level && !s.usedAny(q) && Math.abs(q.value()) >= 5 && Math.abs(q.value()) <= 40
						&& draft.loudness == null) {
					draft.loudness = -Math.abs(q.value());
					s.use("loudness", q);
					s.use("loudness", i);
				}
			}
		}
		for (int i = 0; i < s.size(); i++) {
			String preset = s.free(i) ? s.term(i).arg("preset") : null;
			if (preset != null) {
				if (draft.loudness == null) {
					draft.loudness = Double.parseDouble(preset);
				}
				s.use("loudness", i);
				s.use("loudness", s.near(i, -1, 2, "loudness"));
			}
		}
	}

	static void ducking(Sentence s, Draft draft) {
		for (int i : s.all("duck")) {
			int neg = Negation.of(s, i);
			draft.ducking = neg < 0;
			s.use("ducking", i, neg);
			int when = s.near(i, 1, 4, "when");
			int voice = s.near(when >= 0 ? when : i, 1, 3, (k) -> s.isAny(k, "voice", "speak"));
			s.use("ducking", when, voice);
			if (neg < 0) {
				depth(s, draft, i, when, voice);
			}
		}
		// "lower the music when people talk", "quieter during the voiceover", "話している時は音楽を下げて"
		for (int i = 0; i < s.size(); i++) {
			if (!s.isAny(i, "lower", "quieter")) {
				continue;
			}
			int when = s.around(i, 6, "when");
			int voice = speech(s, when);
			if (voice < 0) {
				// "die Musik soll leiser werden, wenn jemand spricht": the "when" clause next to it
				for (int k : s.all("when")) {
					if (Math.abs(s.clause(k) - s.clause(i)) == 1 && speech(s, k) >= 0) {
						when = k;
						voice = speech(s, k);
						break;
					}
				}
			}
			if (when >= 0 && voice >= 0 && Negation.of(s, i) < 0) {
				draft.ducking = true;
				s.use("ducking", i, when, voice);
				depth(s, draft, i, when, voice);
			}
		}
		voiceClear(s, draft);
	}

	/**
	 * How far the dip goes: decibels next to the words that asked for ducking ("duck by 10
	 * dB", "lower the music 15 dB under the voice", "Ducking mit 18 dB", "降低10分贝"), in
	 * their clause. Not decibels a target word introduces ("lower it to -20 dB when people
	 * talk" is the level the music dips to), nor those a level verb of their own governs,
	 * nor any across "and" ("lower the music by 6 dB and duck under speech").
	 */
	private static void depth(Sentence s, Draft draft, int... anchors) {
		for (Quantity q : s.quantities()) {
			boolean target = s.is(q.from() - 1, "target") && !ofDucking(s, q.from() - 1)
					|| s.is(q.to(), "target") && s.term(q.to()).language() == Language.JA;
			if (s.usedAny(q) || q.kind() != Quantity.Kind.DB || target
					|| s.near(q.from(), -1, 2, (k) -> s.isAny(k, "lower", "quieter", "raise", "louder")) >= 0) {
				continue;
			}
			for (int anchor : anchors) {
				if (beside(s, anchor, q)) {
					setDepth(s, draft, q);
					return;
				}
			}
		}
	}

	/** Whether the quantity stands within reach of a ducking word, in its clause, with no "and" between. */
	private static boolean beside(Sentence s, int anchor, Quantity q) {
		if (anchor < 0 || !s.sameClause(anchor, q.from()) || s.between(anchor, q.from(), "and", "then")) {
			return false;
		}
		return anchor < q.from() ? q.from() - anchor <= DEPTH_REACH : anchor - (q.to() - 1) <= DEPTH_REACH;
	}

	/** Whether a "to" belongs to the ducking itself ("set the ducking to 18 dB", "depth to 20 dB"). */
	private static boolean ofDucking(Sentence s, int target) {
		int before = target - 1;
		while (before >= 0 && s.glue(before)) {
			before--;
		}
		return before >= 0 && (s.term(before).has("duck") || s.term(before).has("depth"));
	}

	private static void setDepth(Sentence s, Draft draft, Quantity q) {
		double db = Math.abs(q.value());
		String asked = s.text(q.from(), q.to() - 1);
		s.use("duckingDepth", q);
		int to = s.is(q.from() - 1, "target") ? q.from() - 1 : -1;
		s.use("duckingDepth", to, s.around(q.from(), 3, "depth"));
		if (db < 1) {
			draft.warnings.add("a ducking depth of \"" + asked + "\" would not dip the music; it dips "
					+ InstructionParser.format(InstructionParser.DEFAULT_DUCKING_DB) + " dB");
		}
		else if (db > MAX_DUCKING_DB) {
			String most = InstructionParser.format(MAX_DUCKING_DB);
			draft.warnings
				.add("a ducking depth of \"" + asked + "\" is more than " + most + " dB; it dips " + most + " dB");
			draft.duckingDb = MAX_DUCKING_DB;
		}
		else {
			draft.duckingDb = db;
		}
	}

	/** The voice or speaking a "when" is about ("when someone talks", "during the voiceover"), or -1. */
	private static int speech(Sentence s, int when) {
		if (when < 0) {
			return -1;
		}
		if (s.term(when).has("voice") || s.term(when).has("speak")) {
			// Japanese "話すと": the speaking and the "when" in one word
			return when;
		}
		int voice = s.around(when, 3, "voice");
		return voice >= 0 ? voice : s.around(when, 3, "speak");
	}

	/** "keep the voice clear", "the voiceover must stay clear", "don't drown out the narrator". */
	private static void voiceClear(Sentence s, Draft draft) {
		java.util.List<Integer> voices = new java.util.ArrayList<>(s.all("voice"));
		voices.addAll(s.all("speak"));
		for (int i : voices) {
			if (!s.free(i)) {
				continue;
			}
			int clear = s.around(i, 5, "clear");
			int obscure = clear >= 0 ? -1 : s.around(i, 5, "obscure");
			int neg = obscure < 0 ? -1 : Negation.of(s, obscure);
			if (clear < 0 && neg < 0) {
				continue;
			}
			draft.ducking = true;
			s.use("ducking", i, clear, obscure, neg, s.near(i, -1, 2, "keep"));
			draft.level(VOICE_CLEAR, "keep the voice clear", Draft.Weight.IMPLIED, i);
		}
	}

	static void original(Sentence s, Draft draft) {
		for (int i : s.all("replace")) {
			int neg = Negation.of(s, i);
			decide(s, draft, neg >= 0, i, neg);
			s.use("original", objects(s, i, 4));
		}
		for (int i = 0; i < s.size(); i++) {
			if (!s.isAny(i, "remove", "mute")) {
				continue;
			}
			int[] objects = objects(s, i, 4);
			if (objects.length == 0) {
				if (Boolean.FALSE.equals(draft.keepOriginal) && s.sharedObject(i, 4)) {
					// "元の音声を削除して…差し替えて": a second verb for the same audio
					s.use("original", i);
				}
				continue;
			}
			int neg = Negation.of(s, i);
			decide(s, draft, neg >= 0, i, neg);
			s.use("original", objects);
		}
		for (int i : s.all("music-only")) {
			decide(s, draft, false, i);
		}
		for (int i : s.all("only")) {
			// "nur Musik", "音楽だけ", "only calm music"
			// Japanese だけ and のみ follow what they limit; elsewhere "only" comes first
			boolean after = s.term(i).language() == Language.JA;
			int music = after ? s.near(i, -1, 1, (k) -> s.term(k).has("music"))
					: s.near(i, 1, 2, (k) -> s.term(k).has("music"));
			if (music >= 0) {
				decide(s, draft, false, i, music);
			}
		}
		for (int i : s.all("keep")) {
			int[] objects = objects(s, i, 4);
			if (objects.length > 0) {
				int neg = Negation.of(s, i);
				decide(s, draft, neg < 0, i, neg);
				s.use("original", objects);
			}
		}
		for (int i : s.all("mix")) {
			int original = s.near(i, 1, 3, "original");
			if (original >= 0) {
				decide(s, draft, true, i, original);
				s.use("original", s.near(original, 1, 1, "audio"));
			}
		}
		// "without the original audio", "no original sound", "ohne Originalton", "不要原声", "元の音声なし"
		for (int i = 0; i < s.size(); i++) {
			if (s.isAny(i, "neg", "neg-after") && !s.term(i).has("filler")) {
				int step = s.is(i, "neg-after") ? -1 : 1;
				int object = s.near(i, step, 3, (k) -> s.isAny(k, "original", "audio"));
				if (object >= 0) {
					decide(s, draft, false, i, object);
					s.use("original", s.near(object, step, 1, (k) -> s.isAny(k, "original", "audio")));
				}
			}
		}
	}

	private static void decide(Sentence s, Draft draft, boolean keep, int... words) {
		if (draft.keepOriginal == null || !keep) {
			draft.keepOriginal = keep;
		}
		s.use("original", words);
	}

	/**
	 * The original sound a verb acts on: audio, original, voices, the video's own sound.
	 * Not a voice the music is set against ("keep the music 12 dB under the voice").
	 */
	private static int[] objects(Sentence s, int verb, int reach) {
		int right = s.near(verb, 1, reach,
				(k) -> s.isAny(k, "audio", "original", "voice") && !s.between(verb, k, "when"));
		int left = right >= 0 ? -1 : s.near(verb, -1, reach, (k) -> s.isAny(k, "audio", "original", "voice"));
		int object = right >= 0 ? right : left;
		if (object < 0) {
			return new int[0];
		}
		int next = s.near(object, right >= 0 ? 1 : -1, 1, (k) -> s.isAny(k, "audio", "original", "voice"));
		return next >= 0 ? new int[] { object, next } : new int[] { object };
	}

}
