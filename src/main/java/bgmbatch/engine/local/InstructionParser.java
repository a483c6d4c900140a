package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-language instruction into an {@link Instruction}. Rule-based and
 * deterministic: the same sentence always gives the same result. Each rule consumes the
 * words it understood; whatever is left that is not filler ("add", "the", "background")
 * becomes a warning, so nothing the user asked for is dropped silently.
 */
public final class InstructionParser {

	/** About 9 dB under the voice: clearly there, not competing with speech (the pipeline issue's 35%). */
	public static final double DEFAULT_VOLUME = 0.35;

	public static final double DEFAULT_FADE_SECONDS = 3;

	/** Streaming platforms normalise to about -14 LUFS; EBU R 128 broadcast asks for -23. */
	public static final double DEFAULT_LOUDNESS = -14;

	public static final double BROADCAST_LOUDNESS = -23;

	/** Apple Podcasts and most podcast hosts ask for -16 LUFS. */
	public static final double PODCAST_LOUDNESS = -16;

	/** How far the music dips under speech unless the instruction says ("duck by 18 dB"). */
	public static final double DEFAULT_DUCKING_DB = 12;

	static final double QUIET = 0.15;

	static final double SOFT = 0.2;

	static final double SUBTLE = 0.12;

	static final double LOUD = 0.6;

	/** What "keep the voice clear" means for the level, besides ducking. */
	static final double VOICE_CLEAR = 0.2;

	private static final String SECONDS = "(\\d+(?:\\.\\d+)?)\\s*(?:(?:seconds?|secs?|s)\\b|秒)";

	/** A point in time: 0:05, 1:02.5, 5s, 5 seconds, 2 min, or a bare number of seconds. */
	private static final String TIME = "(\\d+:\\d{1,2}(?:\\.\\d+)?|\\d+(?:\\.\\d+)?(?:\\s*(?:seconds?|secs?|s|minutes?|mins?|m)\\b)?)";

	private static final Pattern BROADCAST = Pattern.compile("\\b(?:for|to)\\s+(?:tv\\s+)?broadcast(?:ing)?\\b|\\bbroadcast\\b|\\bebu\\s*r\\s*128\\b");

	private static final Pattern LUFS = Pattern.compile("(?:\\bat\\s+|\\bto\\s+)?(-?\\d+(?:\\.\\d+)?)\\s*lufs\\b");

	private static final Pattern PODCAST = Pattern.compile("\\bfor\\s+(?:an?\\s+|the\\s+)?(?:apple(?:\\s+podcasts?)?|(?:spotify\\s+)?podcasts?)\\b");

	private static final Pattern PLATFORM = Pattern.compile("\\bfor\\s+(?:youtube|tiktok|instagram|social(?:\\s+media)?|the\\s+web|web|streaming)\\b");

	private static final Pattern REPLACE = Pattern.compile(
			"\\breplace\\s+(?:the\\s+)?(?:original\\s+)?(?:audio|sound|soundtrack)\\b|\\bmute\\s+(?:the\\s+)?original(?:\\s+(?:audio|sound))?\\b"
					+ "|\\bmusic\\s+only\\b|\\bonly\\s+(?:the\\s+)?music\\b|\\b(?:remove|drop|delete)\\s+(?:the\\s+)?(?:original\\s+)?(?:audio|sound)\\b"
					+ "|\\bwithout\\s+(?:the\\s+)?original(?:\\s+(?:audio|sound))?\\b|\\bno\\s+original\\s+(?:audio|sound)\\b");

	private static final Pattern KEEP = Pattern.compile("\\bkeep\\s+(?:the\\s+)?original(?:\\s+(?:audio|sound))?\\b");

	private static final Pattern VOICE_CLEAR_PHRASE = Pattern.compile(
			"\\bkeep\\s+(?:the\\s+)?(?:voices?|speech|dialog(?:ue)?|narration|talking)\\s+(?:clear|audible|intelligible|understandable)\\b");

	private static final Pattern NO_DUCK = Pattern.compile("\\b(?:no|without|don'?t|do\\s+not)\\s+duck(?:ing)?\\b");

	private static final Pattern DUCK = Pattern.compile(
			"\\bduck(?:ing|ed)?(?:\\s+(?:the\\s+)?music)?(?:\\s+(?:under|below|beneath|for|during)\\s+(?:the\\s+)?(?:speech|voices?|talking|dialog(?:ue)?|narration|speakers?))?(?:\\s+by\\s+(\\d+(?:\\.\\d+)?)\\s*db)?\\b"
					+ "|\\b(?:lower|dip|reduce|turn\\s+down)\\s+(?:the\\s+)?music\\s+(?:when|while|whenever)\\s+(?:people|someone|anyone|they|he|she|i|we|the\\s+\\w+)\\s+(?:talks?|speaks?|talking|speaking|are\\s+talking|is\\s+talking)\\b");

	private static final Pattern PERCENT = Pattern.compile("(?:\\b(?:at|to)\\s+)?(?:\\bvolume\\s+(?:of\\s+|at\\s+)?)?(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|percent\\b)(?:\\s+volume\\b)?");

	private static final Pattern DECIBELS = Pattern.compile("(?:\\b(?:at|to)\\s+)?([-−]\\s*\\d+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*db\\b"
			+ "(\\s+(?:lower|quieter|down|under|below|beneath)(?:\\s+(?:than\\s+)?the\\s+(?:voices?|speech|original(?:\\s+audio)?))?)?");

	private static final Pattern VOLUME_WORD = Pattern.compile(
			"\\b(very\\s+quiet(?:ly)?|barely\\s+audible|quiet(?:ly)?|low(?:\\s+volume)?|soft(?:ly)?|subtle|subtly|faint|loud(?:ly)?|prominent)\\b(?:\\s+(?:volume|level))?");

	private static final Pattern FADE_BOTH = Pattern.compile(
			"\\bfade\\s+(?:it\\s+|the\\s+music\\s+)?in\\s*(?:and|&|/)\\s*(?:fade\\s+)?(?:it\\s+)?out\\b(?:\\s+(?:at\\s+the\\s+end|again))?");

	private static final Pattern NO_FADE = Pattern.compile("\\b(?:no|without|don'?t|do\\s+not)\\s+fad(?:e|es|ing)\\b");

	private static final Pattern FADE_IN = Pattern.compile(
			"\\bfade[- ]?(?:it\\s+|the\\s+music\\s+)?in\\b(?:\\s+(?:over|for|during)?\\s*(?:the\\s+first\\s+)?" + SECONDS + ")?(?:\\s+at\\s+the\\s+(?:start|beginning))?"
					+ "|\\b" + SECONDS + "\\s*(?:-\\s*)?fade[- ]?in\\b|淡入\\s*(?:" + SECONDS + ")?");

	private static final Pattern FADE_OUT = Pattern.compile(
			"\\bfade[- ]?(?:it\\s+|the\\s+music\\s+)?out\\b(?:\\s+(?:at|in|towards?)\\s+the\\s+end)?(?:\\s+(?:over|for|during)?\\s*(?:the\\s+last\\s+)?" + SECONDS + ")?(?:\\s+at\\s+the\\s+end)?"
					+ "|\\b" + SECONDS + "\\s*(?:-\\s*)?fade[- ]?out\\b(?:\\s+at\\s+the\\s+end)?|淡出\\s*(?:" + SECONDS + ")?");

	private static final Pattern WINDOW = Pattern.compile("\\b(?:from|between)\\s+" + TIME + "\\s*(?:to|until|till|and|-)\\s*" + TIME);

	private static final Pattern START = Pattern.compile(
			"\\b(?:start|begin)(?:s|ning)?\\s+(?:the\\s+music\\s+|it\\s+|playing\\s+)?(?:at|from|after)\\s+" + TIME
					+ "|\\bstarting\\s+(?:at|from)\\s+" + TIME + "|\\bafter\\s+(?:the\\s+first\\s+)?" + TIME);

	private static final Pattern END = Pattern.compile(
			"\\b(?:stop|end)(?:s|ping)?\\s+(?:the\\s+music\\s+|it\\s+|playing\\s+)?(?:at|after)\\s+" + TIME + "|\\buntil\\s+" + TIME);

	private static final Pattern NO_LOOP = Pattern.compile(
			"\\b(?:no|without|don'?t|do\\s+not)\\s+loop(?:ing)?(?:\\s+(?:the\\s+music|it))?\\b|\\bplay\\s+(?:the\\s+music\\s+|it\\s+)?(?:only\\s+)?once\\b");

	private static final Pattern LOOP = Pattern.compile("\\b(?:loop(?:ed|ing)?|repeat(?:ed|ing)?)(?:\\s+(?:the\\s+music|it))?\\b|\\bon\\s+(?:a\\s+)?loop\\b");

	private static final Pattern CHINESE_FILLER = Pattern.compile(
			"背景音乐|背景乐|配乐|音乐|添加|加上|加入|加|并且|并|和|的|在|结尾|末尾|开头|一些|一点|给|视频|这个|请|，|。|、");

	/** Words that carry no request of their own; anything else left over is reported. */
	private static final Set<String> FILLER = Set.copyOf(List.of("a", "an", "the", "some", "add", "adding", "put", "use", "using",
			"mix", "mixed", "in", "into", "insert", "with", "and", "to", "of", "for", "it", "its", "it's", "my", "this",
			"that", "these", "those", "video", "videos", "clip", "clips", "footage", "film", "movie", "music", "musical",
			"background", "bgm", "track", "tracks", "song", "songs", "tune", "tunes", "soundtrack", "audio", "sound",
			"please", "pls", "make", "give", "play", "playing", "vibe", "vibes", "feel", "feeling", "style", "styled",
			"kind", "type", "sort", "under", "over", "behind", "throughout", "whole", "entire", "all", "at", "on", "end",
			"then", "also", "just", "bit", "little", "slightly", "very", "really", "nice", "nicely", "good", "like",
			"me", "we", "our", "your", "i", "you", "can", "could", "would", "should", "let", "lets", "let's", "be",
			"is", "are", "so", "while", "as", "by", "here", "there", "something", "piece", "loop", "bed", "layer", "lay",
			"set", "beat", "beats", "instrumental", "thanks", "thank", "too", "both", "way",
			"there's", "one", "them", "they", "from", "up", "out", "level", "volume", "mood", "genre", "tone", "tones",
			"overall", "around", "keep", "kept", "original", "etc"));

	/** One pattern per mood word; Chinese has no word boundaries to anchor on. */
	private static final List<Pattern> MOOD_PHRASES = Moods.phrases()
		.stream()
		.map((phrase) -> Pattern.compile(phrase.chars().anyMatch((c) -> c > 0x2E80) ? Pattern.quote(phrase)
				: "\\b" + Pattern.quote(phrase) + "\\b"))
		.toList();

	private static final Pattern TOKEN = Pattern.compile("[\\p{IsHan}]+|[a-z0-9][a-z0-9'’._-]*");

	public Instruction parse(String instruction) {
		return new Reading(instruction == null ? "" : instruction).read();
	}

	/** One pass over one instruction: the text, which characters were understood, and what was found. */
	private static final class Reading {

		private final String text;

		private final boolean[] consumed;

		private final List<String> warnings = new ArrayList<>();

		/** Moods by where they appear, so the first one named wins whatever order the rules run in. */
		private final java.util.SortedMap<Integer, String> moodsAt = new java.util.TreeMap<>();

		private double volume = DEFAULT_VOLUME;

		private String volumeAsked;

		private boolean ducking;

		private double duckingDb = DEFAULT_DUCKING_DB;

		private Double fadeIn;

		private Double fadeOut;

		private boolean keepOriginal = true;

		private double start;

		private Double end;

		private boolean loop = true;

		private double loudness = DEFAULT_LOUDNESS;

		Reading(String instruction) {
			this.text = instruction.toLowerCase(Locale.ROOT)
				.replace('’', '\'')
				.replace('−', '-')
				.replaceAll("\\s+", " ")
				.strip();
			this.consumed = new boolean[this.text.length()];
		}

		Instruction read() {
			each(BROADCAST, (m) -> this.loudness = BROADCAST_LOUDNESS);
			each(PODCAST, (m) -> this.loudness = PODCAST_LOUDNESS);
			each(LUFS, (m) -> this.loudness = -Math.abs(Double.parseDouble(m.group(1))));
			each(PLATFORM, (m) -> {
			});
			each(REPLACE, (m) -> this.keepOriginal = false);
			each(KEEP, (m) -> this.keepOriginal = true);
			each(VOICE_CLEAR_PHRASE, (m) -> {
				this.ducking = true;
				if (this.volumeAsked == null) {
					this.volume = VOICE_CLEAR;
					this.volumeAsked = "keep the voice clear";
				}
			});
			each(NO_DUCK, (m) -> this.ducking = false);
			each(DUCK, (m) -> {
				this.ducking = true;
				if (m.group(1) != null) {
					this.duckingDb = Math.min(40, Double.parseDouble(m.group(1)));
				}
			});
			each(PERCENT, (m) -> {
				double percent = Double.parseDouble(m.group(1));
				if (percent <= 0 || percent > 100) {
					this.warnings.add("volume " + m.group(1) + "% is out of range (1-100%); kept "
							+ Math.round(this.volume * 100) + "%");
				}
				else {
					this.volume = percent / 100;
					this.volumeAsked = null;
				}
			});
			each(DECIBELS, (m) -> {
				double db = Double.parseDouble(m.group(1).replace(" ", ""));
				if (m.group(2) != null) {
					db = -Math.abs(db);
				}
				if (db > 0 || db < -60) {
					this.warnings.add("volume " + m.group(1).replace(" ", "") + " dB is out of range (-60 to 0 dB); kept "
							+ Math.round(this.volume * 100) + "%");
				}
				else {
					this.volume = Math.pow(10, db / 20);
					this.volumeAsked = format(db) + " dB";
				}
			});
			each(VOLUME_WORD, (m) -> {
				String word = m.group(1);
				this.volumeAsked = word.replaceAll("\\s+", " ");
				if (word.startsWith("very") || word.startsWith("barely")) {
					this.volume = 0.08;
				}
				else if (word.startsWith("quiet") || word.startsWith("low")) {
					this.volume = QUIET;
				}
				else if (word.startsWith("soft")) {
					this.volume = SOFT;
				}
				else if (word.startsWith("subtl") || word.equals("faint")) {
					this.volume = SUBTLE;
				}
				else {
					this.volume = LOUD;
				}
			});
			each(NO_FADE, (m) -> {
				this.fadeIn = 0.0;
				this.fadeOut = 0.0;
			});
			each(FADE_BOTH, (m) -> {
				this.fadeIn = DEFAULT_FADE_SECONDS;
				this.fadeOut = DEFAULT_FADE_SECONDS;
			});
			each(FADE_IN, (m) -> this.fadeIn = firstNumber(m, DEFAULT_FADE_SECONDS));
			each(FADE_OUT, (m) -> this.fadeOut = firstNumber(m, DEFAULT_FADE_SECONDS));
			each(WINDOW, (m) -> {
				this.start = time(m.group(1));
				this.end = time(m.group(2));
			});
			each(START, (m) -> this.start = time(firstGroup(m)));
			each(END, (m) -> this.end = time(firstGroup(m)));
			each(NO_LOOP, (m) -> this.loop = false);
			each(LOOP, (m) -> this.loop = true);
			for (Pattern phrase : MOOD_PHRASES) {
				each(phrase, (m) -> this.moodsAt.put(m.start(), Moods.of(m.group()).orElseThrow()));
			}
			each(CHINESE_FILLER, (m) -> {
			});
			if (this.end != null && this.end <= this.start) {
				this.warnings.add("the music would stop (" + format(this.end) + " s) before it starts ("
						+ format(this.start) + " s); it plays to the end instead");
				this.end = null;
			}
			Set<String> moods = new LinkedHashSet<>(this.moodsAt.values());
			String mood = moods.isEmpty() ? Moods.DEFAULT : moods.iterator().next();
			if (moods.size() > 1) {
				this.warnings.add("several moods asked (" + String.join(", ", moods) + "); used " + mood);
			}
			List<String> unknown = leftovers();
			if (!unknown.isEmpty()) {
				this.warnings.add(0, "not understood: " + String.join(", ", unknown.stream().map((w) -> "\"" + w + "\"").toList()));
			}
			boolean fadeOutAsked = this.fadeOut != null;
			return new Instruction(mood, !moods.isEmpty(), this.volume, this.volumeAsked, this.ducking, this.duckingDb,
					this.fadeIn == null ? 0 : this.fadeIn, fadeOutAsked ? this.fadeOut : DEFAULT_FADE_SECONDS, fadeOutAsked,
					this.keepOriginal, this.start, this.end, this.loop, this.loudness, this.warnings);
		}

		/** Applies a rule to every match that does not overlap words an earlier rule understood. */
		private void each(Pattern pattern, Consumer<Matcher> action) {
			Matcher matcher = pattern.matcher(this.text);
			while (matcher.find()) {
				if (matcher.end() == matcher.start() || overlaps(matcher.start(), matcher.end())) {
					continue;
				}
				action.accept(matcher);
				for (int i = matcher.start(); i < matcher.end(); i++) {
					this.consumed[i] = true;
				}
			}
		}

		private boolean overlaps(int from, int to) {
			for (int i = from; i < to; i++) {
				if (this.consumed[i]) {
					return true;
				}
			}
			return false;
		}

		private List<String> leftovers() {
			StringBuilder rest = new StringBuilder(this.text);
			for (int i = 0; i < rest.length(); i++) {
				if (this.consumed[i]) {
					rest.setCharAt(i, ' ');
				}
			}
			Set<String> unknown = new LinkedHashSet<>();
			Matcher tokens = TOKEN.matcher(rest);
			while (tokens.find()) {
				String token = tokens.group().replaceAll("[._'’-]+$", "");
				if (!token.isEmpty() && !FILLER.contains(token)) {
					unknown.add(token);
				}
			}
			return List.copyOf(unknown);
		}

		private static double firstNumber(Matcher matcher, double absent) {
			String group = firstGroup(matcher);
			return group == null ? absent : Double.parseDouble(group);
		}

		private static String firstGroup(Matcher matcher) {
			for (int i = 1; i <= matcher.groupCount(); i++) {
				if (matcher.group(i) != null) {
					return matcher.group(i);
				}
			}
			return null;
		}

		/** Seconds from 0:05, 1:02.5, 5s, 2 min or a bare number. */
		static double time(String value) {
			String v = value.strip();
			if (v.contains(":")) {
				String[] parts = v.split(":");
				return Integer.parseInt(parts[0]) * 60 + Double.parseDouble(parts[1]);
			}
			Matcher number = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(\\D*)").matcher(v);
			if (!number.matches()) {
				return 0;
			}
			double amount = Double.parseDouble(number.group(1));
			return number.group(2).startsWith("m") ? amount * 60 : amount;
		}

	}

	static String format(double value) {
		if (value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
