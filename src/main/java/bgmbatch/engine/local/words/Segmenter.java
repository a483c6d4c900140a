package bgmbatch.engine.local.words;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;

/**
 * Normalises an instruction and cuts it into tokens with ICU: NFKC case folding (so
 * "Ｆａｄｅ ５秒" reads as "fade 5秒" and "Füge" stays one word), then ICU's word break
 * iterator, which follows Unicode's word rules for spaced scripts and segments Chinese and
 * Japanese with its dictionary. A few cuts ICU leaves to the application are made here:
 * digits glued to a unit ("5s", "12db"), English clitics ("video's", dropped) and French and
 * Italian elisions ("l'audio", "dell'audio", split in two).
 */
final class Segmenter {

	private static final Pattern DIGITS_AND_LETTERS = Pattern.compile("\\d+(?:[.,]\\d+)?|\\p{L}+");

	private static final Pattern CLITIC = Pattern.compile("(\\p{L}+)'(s|ll|re|ve|d|m)");

	private static final Pattern ELISION = Pattern.compile("(\\p{L}{1,6}')(\\p{L}{2,})");

	private static final Pattern PHRASE_WORDS = Pattern.compile("[^\\s\\-/&%~]+|[\\-/&%~]");

	private static final String BOUNDARIES = ",;.!?()[]{}\"«»“”、。，；！？：…｡､";

	private final Normalizer2 normalizer = Normalizer2.getNFKCCasefoldInstance();

	/** ICU's break iterators are not thread-safe; each reading clones this one, which costs microseconds. */
	private final BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);

	String normalise(String text) {
		String folded = this.normalizer.normalize(text);
		StringBuilder out = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			switch (c) {
				case '\u2019', '\u2018', '\u02bc', '`', '\u00b4' -> out.append('\'');
				case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> out.append('-');
				case '\u00ad' -> {
				}
				default -> out.append(Character.isWhitespace(c) ? ' ' : c);
			}
		}
		return out.toString();
	}

	/** The tokens of normalised text, in order; spaces are dropped. */
	List<Token> tokens(String text) {
		BreakIterator iterator = (BreakIterator) this.words.clone();
		iterator.setText(text);
		List<Token> tokens = new ArrayList<>();
		int start = iterator.first();
		for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
			String piece = text.substring(start, end);
			if (!piece.isBlank()) {
				cut(piece.strip(), start + piece.indexOf(piece.strip()), tokens);
			}
		}
		return tokens;
	}

	private static void cut(String piece, int at, List<Token> tokens) {
		if (isCjk(piece)) {
			tokens.add(new Token(piece, at, at + piece.length(), Token.Kind.CJK));
			return;
		}
		int first = piece.codePointAt(0);
		if (!Character.isLetterOrDigit(first)) {
			for (int i = 0; i < piece.length(); i++) {
				String mark = piece.substring(i, i + 1);
				tokens.add(new Token(mark, at + i, at + i + 1,
						BOUNDARIES.contains(mark) ? Token.Kind.BOUNDARY : Token.Kind.SYMBOL));
			}
			return;
		}
		if (piece.indexOf('\'') < 0 || piece.endsWith("n't")) {
			split(piece, at, tokens);
			return;
		}
		Matcher clitic = CLITIC.matcher(piece);
		Matcher elision = ELISION.matcher(piece);
		if (clitic.matches()) {
			// "video's", "it's", "I'd": the clitic asks for nothing
			split(clitic.group(1), at, tokens);
		}
		else if (elision.matches()) {
			// "l'audio", "dell'audio", "n'ajoute": the article or particle is a word of its own, as stop lists spell it
			String particle = elision.group(1).substring(0, elision.group(1).length() - 1);
			tokens.add(new Token(particle, at, at + particle.length(), Token.Kind.WORD));
			split(elision.group(2), at + elision.start(2), tokens);
		}
		else {
			tokens.add(new Token(piece, at, at + piece.length(), Token.Kind.WORD));
		}
	}

	/** Digits glued to letters ("5s", "r128", "1m30s") become separate tokens. */
	private static void split(String piece, int at, List<Token> tokens) {
		if (!hasDigit(piece) || piece.endsWith("n't")) {
			tokens.add(new Token(piece, at, at + piece.length(), Token.Kind.WORD));
			return;
		}
		Matcher parts = DIGITS_AND_LETTERS.matcher(piece);
		int last = 0;
		while (parts.find()) {
			if (parts.start() > last) {
				String mark = piece.substring(last, parts.start());
				tokens.add(new Token(mark, at + last, at + parts.start(), Token.Kind.SYMBOL));
			}
			String part = parts.group();
			tokens.add(new Token(part, at + parts.start(), at + parts.end(),
					Character.isDigit(part.charAt(0)) ? Token.Kind.NUMBER : Token.Kind.WORD));
			last = parts.end();
		}
	}

	/**
	 * The tokens of a lexicon phrase, cut without the break iterator: the lexicon's phrases
	 * are single words or words with spaces and hyphens between them, which cut the same
	 * way, and cloning the iterator for each of the lexicon's 7 500 phrases was most of
	 * its loading time (1.4 s of 2.4 s, measured on a loaded 2-core machine).
	 */
	List<Token> phraseTokens(String phrase) {
		List<Token> tokens = new ArrayList<>();
		Matcher words = PHRASE_WORDS.matcher(phrase);
		while (words.find()) {
			String word = words.group();
			int end = word.length();
			while (end > 0 && !Character.isLetterOrDigit(word.charAt(end - 1))) {
				end--;
			}
			if (end > 0) {
				cut(word.substring(0, end), words.start(), tokens);
			}
			if (end < word.length()) {
				cut(word.substring(end), words.start() + end, tokens);
			}
		}
		return tokens;
	}

	static boolean isCjk(String piece) {
		for (int i = 0; i < piece.length(); i++) {
			// every CJK script lies above U+2E80; most text never needs the script lookup
			if (piece.charAt(i) >= 0x2E80 && isCjk(piece.codePointAt(i))) {
				return true;
			}
		}
		return false;
	}

	static boolean isCjk(int codePoint) {
		int script = UScript.getScript(codePoint);
		return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
				|| codePoint == 'ー' || codePoint == '々';
	}

	private static boolean hasDigit(String piece) {
		for (int i = 0; i < piece.length(); i++) {
			if (Character.isDigit(piece.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	static boolean isKana(int codePoint) {
		int script = UScript.getScript(codePoint);
		return script == UScript.HIRAGANA || script == UScript.KATAKANA || codePoint == 'ー';
	}

}
