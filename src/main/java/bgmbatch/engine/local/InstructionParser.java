package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import bgmbatch.engine.local.words.Analysis;
import bgmbatch.engine.local.words.Analyzer;
import bgmbatch.engine.local.words.Language;

/**
 * Reads a plain-language instruction, in any of eight languages, into an
 * {@link Instruction}. Deterministic and explainable: the words are matched against a
 * lexicon (see {@link bgmbatch.engine.local.words}), fixed rules read the plan from them,
 * every part of the plan keeps the phrases that set it, and whatever nothing was made of
 * is reported, never dropped silently. Thread-safe.
 * <p>
 * The analyser (ICU, the stemmers and the lexicon) is loaded when the first non-empty
 * instruction is read, not when the engine is made: a run that reads none, or a command
 * that runs no job, never pays for it.
 */
public final class InstructionParser {

	/** About 9 dB under the voice: clearly there, not competing with speech (the pipeline issue's 35%). */
	public static final double DEFAULT_VOLUME = 0.35;

	public static final double DEFAULT_FADE_SECONDS = FadeRules.DEFAULT_SECONDS;

	/** Streaming platforms normalise to about -14 LUFS; EBU R 128 broadcast asks for -23. */
	public static final double DEFAULT_LOUDNESS = -14;

	public static final double BROADCAST_LOUDNESS = -23;

	/** Apple Podcasts and most podcast hosts ask for -16 LUFS ("for a podcast", "für Apple Podcasts", "播客"). */
	public static final double PODCAST_LOUDNESS = -16;

	/** How far the music dips under speech unless the instruction says ("duck by 18 dB", "um 10 dB absenken"). */
	public static final double DEFAULT_DUCKING_DB = 12;

	private volatile Analyzer analyzer;

	public Instruction parse(String instruction) {
		return parse(instruction, null);
	}

	/**
	 * @param instruction the instruction as written
	 * @param language the row's language from the manifest ({@code de}, {@code German},
	 * {@code 日本語}), or null or blank to detect it
	 */
	public Instruction parse(String instruction, String language) {
		List<String> warnings = new ArrayList<>();
		Language given = Language.named(language).orElse(null);
		if (given == null && language != null && !language.isBlank()) {
			warnings.add("language '" + language.strip() + "' is not one the local engine reads ("
					+ String.join(", ", java.util.Arrays.stream(Language.values()).map(Language::code).toList())
					+ "); the instruction's own language was used");
		}
		if (instruction == null || instruction.isBlank()) {
			return read(new Draft(), warnings, List.of(), Map.of(), given == null ? "" : given.code());
		}
		Analysis analysis = analyzer().analyze(instruction, given);
		Sentence sentence = new Sentence(analysis);
		Draft draft = new Draft();
		SoundRules.loudness(sentence, draft);
		TimeRules.windows(sentence, draft);
		FadeRules.read(sentence, draft);
		TimeRules.read(sentence, draft);
		SoundRules.ducking(sentence, draft);
		SoundRules.original(sentence, draft);
		LevelRules.read(sentence, draft);
		MoodRules.read(sentence, draft);
		String languages = analysis.language().code() + analysis.alsoUsed().stream().map((l) -> "+" + l.code())
			.collect(Collectors.joining());
		return read(draft, warnings, sentence.leftovers(), sentence.phrases(), languages);
	}

	private Analyzer analyzer() {
		Analyzer loaded = this.analyzer;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.analyzer;
				if (loaded == null) {
					loaded = Analyzer.load();
					this.analyzer = loaded;
				}
			}
		}
		return loaded;
	}

	private static Instruction read(Draft draft, List<String> warnings, List<String> unknown,
			Map<String, List<String>> phrases, String language) {
		List<String> all = new ArrayList<>();
		if (!unknown.isEmpty()) {
			all.add("not understood: " + unknown.stream().map((w) -> "\"" + w + "\"").collect(Collectors.joining(", ")));
		}
		all.addAll(warnings);
		all.addAll(draft.warnings);
		Set<String> moods = new LinkedHashSet<>(draft.moods.isEmpty() ? draft.styles : draft.moods);
		String mood = moods.isEmpty() ? Moods.DEFAULT : moods.iterator().next();
		if (moods.size() > 1) {
			all.add("several moods asked (" + String.join(", ", moods) + "); used " + mood);
		}
		Draft.Level level = level(draft, all);
		double start = draft.start == null ? 0 : draft.start;
		Double end = draft.end;
		if (end != null && end <= start) {
			all.add("the music would stop (" + format(end) + " s) before it starts (" + format(start)
					+ " s); it plays to the end instead");
			end = null;
		}
		Map<String, List<String>> ordered = new LinkedHashMap<>();
		for (String field : Instruction.FIELDS) {
			if (phrases.containsKey(field)) {
				ordered.put(field, phrases.get(field));
			}
		}
		boolean fadeOutAsked = draft.fadeOut != null;
		return new Instruction(mood, !moods.isEmpty(), level == null ? DEFAULT_VOLUME : level.volume(),
				level == null ? null : level.asked(), draft.ducking != null && draft.ducking,
				draft.duckingDb == null ? DEFAULT_DUCKING_DB : draft.duckingDb,
				draft.fadeIn == null ? 0 : draft.fadeIn, fadeOutAsked ? draft.fadeOut : DEFAULT_FADE_SECONDS,
				fadeOutAsked, draft.keepOriginal == null || draft.keepOriginal, start, end,
				draft.loop == null || draft.loop, draft.loudness == null ? DEFAULT_LOUDNESS : draft.loudness, all,
				language, ordered, unknown);
	}

	/** The strongest level statement, the first of equals; a second, different one is reported. */
	private static Draft.Level level(Draft draft, List<String> warnings) {
		Draft.Level chosen = null;
		for (Draft.Level level : draft.levels) {
			if (chosen == null || level.weight().compareTo(chosen.weight()) > 0
					|| level.weight() == chosen.weight() && level.at() < chosen.at()) {
				chosen = level;
			}
		}
		if (chosen != null) {
			for (Draft.Level level : draft.levels) {
				if (level.weight() == chosen.weight() && Math.abs(level.volume() - chosen.volume()) > 0.005) {
					warnings.add("several levels asked (" + percent(chosen) + ", " + percent(level) + "); used "
							+ percent(chosen));
					break;
				}
			}
		}
		return chosen;
	}

	private static String percent(Draft.Level level) {
		return Math.round(level.volume() * 100) + "%";
	}

	static String format(double value) {
		if (value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
