package bgmbatch.engine.local.words;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmenterTest {

	private final Segmenter segmenter = new Segmenter();

	private List<String> words(String text) {
		return this.segmenter.tokens(this.segmenter.normalise(text)).stream().map(Token::text).toList();
	}

	@Test
	void accentedWordsStayWhole() {
		assertThat(words("Füge ruhige Musik hinzu")).containsExactly("füge", "ruhige", "musik", "hinzu");
		assertThat(words("añade música")).containsExactly("añade", "música");
	}

	@Test
	void chineseAndJapaneseAreCutIntoWords() {
		assertThat(words("添加轻快的背景音乐")).contains("添加", "轻快", "的", "背景", "音乐");
		assertThat(words("落ち着いたBGMを追加")).contains("bgm", "を", "追加");
	}

	@Test
	void digitsGluedToAUnitAreTwoWordsAndFullWidthFormsAreFolded() {
		assertThat(words("5s 12dB")).containsExactly("5", "s", "12", "db");
		assertThat(words("ＢＧＭを５秒")).containsExactly("bgm", "を", "5", "秒");
	}

	@Test
	void cliticsAreDroppedAndElisionsSplit() {
		assertThat(words("the video's audio")).containsExactly("the", "video", "audio");
		assertThat(words("l'audio dell'ambiente")).containsExactly("l", "audio", "dell", "ambiente");
		assertThat(words("don't")).containsExactly("don't");
	}

	@Test
	void lexiconPhrasesCutTheSameWithoutTheBreakIterator() {
		for (String line : Lexicon.lines(LexiconIndex.LEXICON)) {
			for (String phrase : line.substring(line.indexOf(": ") + 2).split("\\|")) {
				String normal = this.segmenter.normalise(phrase.strip());
				if (!Segmenter.isCjk(normal)) {
					assertThat(this.segmenter.phraseTokens(normal).stream().map(Token::text).toList()).as(normal)
						.isEqualTo(this.segmenter.tokens(normal).stream().map(Token::text).toList());
				}
			}
		}
	}

}
