package bgmbatch.engine.local.words;

import java.util.Locale;
import java.util.Optional;

/** The languages instructions are read in, in the order ties between them are broken. */
public enum Language {

	EN("english", "english_stop.txt", "eng", "englisch", "inglés", "ingles", "anglais", "inglese",
			"英语", "英語"),
	DE("german", "german_stop.txt", "deu", "ger", "deutsch", "alemán", "aleman", "allemand",
			"alemão", "alemao", "tedesco", "德语", "ドイツ語"),
	FR("french", "french_stop.txt", "fra", "fre", "français", "francais", "französisch", "francés",
			"frances", "francês", "francese", "法语", "フランス語"),
	ES("spanish", "spanish_stop.txt", "spa", "español", "espanol", "castellano", "spanisch",
			"espagnol", "espanhol", "spagnolo", "西班牙语", "スペイン語"),
	PT("portuguese", "portuguese_stop.txt", "por", "português", "portugues", "portugiesisch",
			"portugués", "portugais", "portoghese", "葡萄牙语", "ポルトガル語"),
	IT("italian", "italian_stop.txt", "ita", "italiano", "italienisch", "italien", "意大利语",
			"イタリア語"),
	ZH("chinese", null, "zho", "chi", "cmn", "中文", "汉语", "漢語", "普通话", "chinesisch", "chino", "chinois",
			"chinês", "chines", "cinese", "中国語"),
	JA("japanese", null, "jpn", "日本語", "日语", "japanisch", "japonés", "japones", "japonais", "japonês",
			"giapponese");

	private final String englishName;

	private final String stopWords;

	private final String[] otherNames;

	Language(String englishName, String stopWords, String... otherNames) {
		this.englishName = englishName;
		this.stopWords = stopWords;
		this.otherNames = otherNames;
	}

	/** The ISO 639-1 code, as plans and the manifest's {@code language} column show it. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether words are written with spaces between them (else the lexicon is matched by characters). */
	public boolean spaced() {
		return this.stopWords != null;
	}

	/** Snowball's stop-word list for the language, shipped in lucene-analysis-common; null for Chinese and Japanese. */
	String stopWordResource() {
		return this.stopWords == null ? null : "/org/apache/lucene/analysis/snowball/" + this.stopWords;
	}

	/**
	 * The language a manifest names: an ISO code ({@code de}, {@code deu}), a tag
	 * ({@code pt-BR}, {@code zh_Hans}) or the language's name in English, in itself or in
	 * one of the other seven.
	 */
	public static Optional<Language> named(String name) {
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		String primary = wanted.split("[-_]", 2)[0];
		for (Language language : values()) {
			if (language.code().equals(primary) || language.englishName.equals(wanted)) {
				return Optional.of(language);
			}
			for (String other : language.otherNames) {
				if (other.equals(wanted) || other.equals(primary)) {
					return Optional.of(language);
				}
			}
		}
		return Optional.empty();
	}

}
