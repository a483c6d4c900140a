package bgmbatch.engine.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InstructionParserTest {

	private final InstructionParser parser = new InstructionParser();

	@Test
	void emptyInstructionGetsTheDefaults() {
		Instruction defaults = this.parser.parse("");
		assertThat(defaults.mood()).isEqualTo(Moods.DEFAULT);
		assertThat(defaults.moodAsked()).isFalse();
		assertThat(defaults.volume()).isEqualTo(InstructionParser.DEFAULT_VOLUME);
		assertThat(defaults.fadeInSeconds()).isZero();
		assertThat(defaults.fadeOutSeconds()).isEqualTo(3);
		assertThat(defaults.fadeOutAsked()).isFalse();
		assertThat(defaults.ducking()).isFalse();
		assertThat(defaults.keepOriginal()).isTrue();
		assertThat(defaults.startSeconds()).isZero();
		assertThat(defaults.endSeconds()).isNull();
		assertThat(defaults.loop()).isTrue();
		assertThat(defaults.loudnessLufs()).isEqualTo(-14);
		assertThat(defaults.warnings()).isEmpty();
		assertThat(this.parser.parse(null)).isEqualTo(defaults);
	}

	@ParameterizedTest(name = "\"{0}\" asks for {1}")
	@CsvSource({ "add upbeat music, upbeat", "something happy, upbeat", "energetic background music, upbeat",
			"calm music please, calm", "relaxing music, calm", "lo-fi beats, calm", "lofi beats, calm",
			"chill vibes, calm", "cinematic music, cinematic", "epic soundtrack, cinematic", "dramatic music, cinematic",
			"sad music, sad", "corporate background music, corporate", "ambient music, ambient",
			"acoustic guitar music, acoustic", "electronic music, electronic", "添加轻快的背景音乐, upbeat" })
	void moodWordsAndTheirSynonymsPickTheMood(String instruction, String mood) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.mood()).isEqualTo(mood);
		assertThat(parsed.moodAsked()).isTrue();
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void twoMoodsUseTheFirstAndSaySo() {
		Instruction parsed = this.parser.parse("calm but epic music");
		assertThat(parsed.mood()).isEqualTo("calm");
		assertThat(parsed.warnings()).anySatisfy((w) -> assertThat(w).contains("several moods").contains("cinematic"));
	}

	@ParameterizedTest(name = "\"{0}\" sets the volume to {1}")
	@CsvSource({ "add music at 30%, 0.30", "music at 25 percent, 0.25", "quiet music, 0.15", "soft piano, 0.20",
			"subtle background music, 0.12", "loud music, 0.60", "music at -12 dB, 0.2512", "music 12 dB under the voice, 0.2512",
			"keep the voice clear, 0.20" })
	void volumePhrasesSetTheLevel(String instruction, double volume) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.volume()).isCloseTo(volume, within(0.001));
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void decibelsAreShownAsAsked() {
		assertThat(this.parser.parse("music at -12 dB").volumeAsked()).isEqualTo("-12 dB");
	}

	@Test
	void volumeOutOfRangeKeepsTheDefaultWithAWarning() {
		Instruction parsed = this.parser.parse("music at 250%");
		assertThat(parsed.volume()).isEqualTo(InstructionParser.DEFAULT_VOLUME);
		assertThat(parsed.warnings()).singleElement().asString().contains("250%");
	}

	@Test
	void fadeInAloneUsesTheDefaultLength() {
		Instruction parsed = this.parser.parse("fade in");
		assertThat(parsed.fadeInSeconds()).isEqualTo(3);
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void fadeInOverTwoSeconds() {
		assertThat(this.parser.parse("fade in over 2 seconds").fadeInSeconds()).isEqualTo(2);
		assertThat(this.parser.parse("2 second fade in").fadeInSeconds()).isEqualTo(2);
	}

	@Test
	void fadeItOutAtTheEndTakesThreeSeconds() {
		Instruction parsed = this.parser.parse("add upbeat background music and fade it out at the end");
		assertThat(parsed.fadeOutSeconds()).isEqualTo(3);
		assertThat(parsed.fadeOutAsked()).isTrue();
		assertThat(parsed.fadeInSeconds()).isZero();
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void fadeOutOverTheLastFiveSeconds() {
		Instruction parsed = this.parser.parse("fade out over the last 5s");
		assertThat(parsed.fadeOutSeconds()).isEqualTo(5);
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void fadeInAndOutTogether() {
		Instruction parsed = this.parser.parse("fade in and out");
		assertThat(parsed.fadeInSeconds()).isEqualTo(3);
		assertThat(parsed.fadeOutSeconds()).isEqualTo(3);
	}

	@Test
	void noFadeTurnsBothOff() {
		Instruction parsed = this.parser.parse("no fade");
		assertThat(parsed.fadeOutSeconds()).isZero();
		assertThat(parsed.fadeInSeconds()).isZero();
	}

	@Test
	void chineseFadeWords() {
		Instruction parsed = this.parser.parse("添加背景音乐，淡入，淡出");
		assertThat(parsed.fadeInSeconds()).isEqualTo(3);
		assertThat(parsed.fadeOutAsked()).isTrue();
		assertThat(parsed.warnings()).isEmpty();
		assertThat(this.parser.parse("淡出5秒").fadeOutSeconds()).isEqualTo(5);
	}

	@ParameterizedTest(name = "\"{0}\" ducks the music")
	@CsvSource({ "duck under speech", "lower the music when people talk", "keep the voice clear", "ducking",
			"duck the music under the voice" })
	void duckingPhrases(String instruction) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.ducking()).isTrue();
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void explicitVolumeWinsOverKeepTheVoiceClear() {
		Instruction parsed = this.parser.parse("keep the voice clear, music at 40%");
		assertThat(parsed.ducking()).isTrue();
		assertThat(parsed.volume()).isCloseTo(0.40, within(0.001));
	}

	@ParameterizedTest(name = "\"{0}\" drops the original audio")
	@CsvSource({ "replace the audio with calm music", "mute the original", "music only", "replace the original audio" })
	void replacePhrasesDropTheOriginal(String instruction) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.keepOriginal()).isFalse();
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void startTheMusicAtFiveSeconds() {
		Instruction parsed = this.parser.parse("start the music at 0:05");
		assertThat(parsed.startSeconds()).isEqualTo(5);
		assertThat(parsed.endSeconds()).isNull();
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void musicFromTenToFortySeconds() {
		Instruction parsed = this.parser.parse("music from 10s to 40s");
		assertThat(parsed.startSeconds()).isEqualTo(10);
		assertThat(parsed.endSeconds()).isEqualTo(40);
		assertThat(parsed.warnings()).isEmpty();
		assertThat(this.parser.parse("between 0:10 and 1:02").endSeconds()).isEqualTo(62);
	}

	@Test
	void windowEndingBeforeItStartsIsDroppedWithAWarning() {
		Instruction parsed = this.parser.parse("from 40s to 10s");
		assertThat(parsed.endSeconds()).isNull();
		assertThat(parsed.warnings()).singleElement().asString().contains("before it starts");
	}

	@Test
	void loopTheMusic() {
		Instruction parsed = this.parser.parse("loop the music");
		assertThat(parsed.loop()).isTrue();
		assertThat(parsed.warnings()).isEmpty();
		assertThat(this.parser.parse("play the music once").loop()).isFalse();
	}

	@Test
	void broadcastLowersTheLoudnessTarget() {
		Instruction parsed = this.parser.parse("calm music for broadcast");
		assertThat(parsed.loudnessLufs()).isEqualTo(-23);
		assertThat(parsed.warnings()).isEmpty();
		assertThat(this.parser.parse("master to -16 LUFS").loudnessLufs()).isEqualTo(-16);
	}

	@Test
	void chineseBackgroundMusicIsUnderstood() {
		Instruction parsed = this.parser.parse("背景音乐");
		assertThat(parsed.warnings()).isEmpty();
		assertThat(parsed.mood()).isEqualTo(Moods.DEFAULT);
	}

	@Test
	void unknownWordsBecomeWarningsNotSilence() {
		Instruction parsed = this.parser.parse("add tropical music with a saxophone solo at 30%");
		assertThat(parsed.volume()).isCloseTo(0.30, within(0.001));
		assertThat(parsed.warnings()).singleElement()
			.asString()
			.isEqualTo("not understood: \"tropical\", \"saxophone\", \"solo\"");
	}

	@Test
	void negationsThatAreNotUnderstoodAreReported() {
		assertThat(this.parser.parse("don't make it sad").warnings()).singleElement().asString().contains("don't");
	}

	@Test
	void theSampleInstructionsAreFullyUnderstood() {
		assertThat(this.parser.parse("mix in my piano loop at 25%, fade in over 2 seconds").warnings()).isEmpty();
		assertThat(this.parser.parse("add calm background music").warnings()).isEmpty();
	}


	@ParameterizedTest(name = "\"{0}\" fades in over {1} s")
	@CsvSource(delimiter = '|', value = { "fade in over ten seconds|10", "eine Einblendung von zwölf Sekunden|12",
			"fundido de entrada de quince segundos|15", "un fondu d'entrée de vingt-cinq secondes|25",
			"fade in de trinta segundos|30", "dissolvenza in entrata di venticinque secondi|25", "淡入二十秒|20",
			"十五秒かけてフェードイン|15", "a half-second fade in|0.5" })
	void numberWordsGiveLengthsInEveryLanguage(String instruction, double seconds) {
		assertThat(this.parser.parse(instruction).fadeInSeconds()).isEqualTo(seconds);
	}

	@ParameterizedTest(name = "\"{0}\" is a fade-out")
	@CsvSource({ "music fades out at the end", "fading out at the end", "faded out at the end",
			"blende die Musik am Ende aus", "am Ende ausblenden", "finir par un fondu", "结尾淡出", "最後はフェードアウト" })
	void inflectionsAndWordOrderStillFadeOut(String instruction) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.fadeOutAsked()).isTrue();
		assertThat(parsed.fadeOutSeconds()).isEqualTo(3);
		assertThat(parsed.fadeInSeconds()).isZero();
	}

	@Test
	void aNegationTurnsOffWhatFollowsItButNotWhatFollowsAnAnd() {
		Instruction parsed = this.parser.parse("no loop and fade out over 4 seconds");
		assertThat(parsed.loop()).isFalse();
		assertThat(parsed.fadeOutSeconds()).isEqualTo(4);
		assertThat(this.parser.parse("ループしないで").loop()).isFalse();
		assertThat(this.parser.parse("sin fundido").fadeOutSeconds()).isZero();
		assertThat(this.parser.parse("ohne Ausblenden").fadeOutSeconds()).isZero();
	}

	@Test
	void notTooLoudIsALittleUnderTheDefault() {
		assertThat(this.parser.parse("not too loud").volume()).isLessThan(InstructionParser.DEFAULT_VOLUME);
		assertThat(this.parser.parse("a bit louder than usual").volume()).isGreaterThan(InstructionParser.DEFAULT_VOLUME);
	}

	@Test
	void everyPartOfThePlanKeepsThePhrasesThatSetIt() {
		Instruction parsed = this.parser.parse("Füge ruhige Musik hinzu und blende sie am Ende über 5 Sekunden aus");
		assertThat(parsed.language()).isEqualTo("de");
		assertThat(parsed.phrases()).containsEntry("mood", java.util.List.of("ruhige"))
			.containsEntry("fadeOut", java.util.List.of("blende sie am ende über 5 sekunden aus"));
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void traditionalChineseIsReadAsSimplified() {
		Instruction parsed = this.parser.parse("添加輕快的背景音樂，結尾淡出，不要循環，刪除原聲");
		assertThat(parsed.mood()).isEqualTo("upbeat");
		assertThat(parsed.fadeOutAsked()).isTrue();
		assertThat(parsed.loop()).isFalse();
		assertThat(parsed.keepOriginal()).isFalse();
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void theManifestsLanguageIsUsedAndAnUnknownOneIsReported() {
		assertThat(this.parser.parse("musica calma", "pt").language()).isEqualTo("pt");
		Instruction unknown = this.parser.parse("calm music", "klingon");
		assertThat(unknown.language()).isEqualTo("en");
		assertThat(unknown.warnings()).anySatisfy((w) -> assertThat(w).contains("klingon"));
	}

	@Test
	void aDuckingDepthSetsHowFarTheMusicDipsNotItsLevel() {
		Instruction parsed = this.parser.parse("duck the music by 10 dB under the voice");
		assertThat(parsed.ducking()).isTrue();
		assertThat(parsed.volume()).isEqualTo(InstructionParser.DEFAULT_VOLUME);
		assertThat(parsed.duckingDb()).isEqualTo(10);
		assertThat(parsed.phrases().get("duckingDepth")).containsExactly("10 db");
		assertThat(parsed.warnings()).isEmpty();
		assertThat(this.parser.parse("duck by 60 dB under the voice").warnings())
			.anySatisfy((w) -> assertThat(w).contains("ducking depth"));
	}

	@Test
	void sameSentenceAlwaysGivesTheSameResult() {
		String sentence = "Upbeat music at 30%, duck under speech, fade out over the last 5s, for broadcast";
		assertThat(this.parser.parse(sentence)).isEqualTo(this.parser.parse(sentence));
	}

}
