package bgmbatch.engine.local.words;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzerTest {

	/** Every concept the rules in bgmbatch.engine.local read; the lexicon may use no other. */
	private static final Set<String> CONCEPTS = Set.of("mood", "style", "music", "audio", "original", "video", "voice",
			"speak", "clear", "obscure", "fade", "fade-in", "fade-out", "fade-both", "in", "out", "begin", "end", "slow",
			"quick", "smooth", "over", "first", "last", "duck", "lower", "raise", "when", "louder", "quieter", "usual",
			"bit", "much", "very", "level", "fraction", "volume", "percent", "db", "lufs", "minus", "loudness", "preset",
			"replace", "remove", "mute", "only", "music-only", "keep", "mix", "loop", "once", "times", "start", "stop",
			"after", "before", "at", "from", "to", "until", "between", "mark", "delay", "unit", "number", "about", "neg",
			"neg-after", "and", "then", "filler", "particle-verb", "down", "up", "back", "depth", "target");

	private static final Analyzer analyzer = Analyzer.load();

	private static List<String> concepts(String text) {
		return analyzer.analyze(text, null).terms().stream().flatMap((t) -> t.concepts().stream()).toList();
	}

	@ParameterizedTest(name = "\"{0}\" is read as {1}")
	@CsvSource(delimiter = '|', value = { "add calm music and fade it out at the end|en",
			"ruhige Musik hinzufügen und am Ende ausblenden|de", "añade música tranquila y un fundido de salida|es",
			"ajoute une musique calme avec un fondu de sortie|fr", "adicione uma música calma no fundo|pt",
			"aggiungi una musica calma di sottofondo|it", "添加轻快的背景音乐|zh", "落ち着いたBGMを追加して|ja" })
	void theLanguageOfARowIsDetected(String text, String language) {
		assertThat(analyzer.analyze(text, null).language().code()).isEqualTo(language);
	}

	@Test
	void theManifestsLanguageWinsOverDetection() {
		assertThat(analyzer.analyze("musica calma", Language.PT).language()).isEqualTo(Language.PT);
	}

	@Test
	void aMixedRowIsReadWordByWord() {
		Analysis mixed = analyzer.analyze("add música tranquila and fade out", null);
		assertThat(mixed.language()).isEqualTo(Language.EN);
		assertThat(mixed.alsoUsed()).isNotEmpty();
		assertThat(concepts("add música tranquila and fade out")).contains("music", "mood:calm", "fade-out");
	}

	@Test
	void inflectionsFindTheirStem() {
		for (String form : List.of("fades out", "fading out", "faded out")) {
			assertThat(concepts(form)).as(form).contains("fade-out");
		}
		assertThat(concepts("die Ausblendung")).contains("fade-out");
	}

	@Test
	void germanCompoundsAreReadAsTheirParts() {
		assertThat(concepts("ruhige Klaviermusik")).contains("mood:calm", "style:acoustic", "music");
		assertThat(concepts("die Kommentarstimme muss verständlich bleiben")).contains("voice", "clear");
	}

	@Test
	void aVerbWithAPronounAtItsEndMeansTheVerb() {
		assertThat(concepts("bájala un poco, por favor")).contains("lower");
		assertThat(concepts("quítalo y pon música tranquila")).contains("remove");
		assertThat(concepts("abbassala un po', per favore")).contains("lower");
	}

	@Test
	void numberWordsHaveTheirValueInEveryLanguage() {
		for (String text : List.of("twenty", "zwanzig", "veinte", "vingt", "vinte", "venti", "二十")) {
			assertThat(analyzer.analyze(text, null).terms()).as(text).anySatisfy((t) -> assertThat(t.number()).isEqualTo(20));
		}
		assertThat(analyzer.analyze("fünfundzwanzig", null).terms().get(0).number()).isEqualTo(25);
		assertThat(analyzer.analyze("vingt-cinq", null).terms().get(0).number()).isEqualTo(25);
	}

	@Test
	void aWordOfAnotherLanguageIsOnlyTrustedAsWritten() {
		// German "stille" stems to "still"; in an English row that is chance, not silence
		assertThat(concepts("the narrator can still be heard")).doesNotContain("mute");
	}

	@Test
	void theLexiconUsesOnlyConceptsTheRulesRead() {
		for (String line : Lexicon.lines(LexiconIndex.LEXICON)) {
			String head = line.substring(0, line.indexOf(": "));
			String[] parts = head.split("\\s+");
			assertThat(Language.named(parts[0])).as(line).isPresent();
			assertThat(CONCEPTS).as(head).contains(parts[1].split(":", 2)[0]);
		}
	}

	@Test
	void languagesAreNamedByCodeTagOrName() {
		assertThat(Language.named("de")).contains(Language.DE);
		assertThat(Language.named("pt-BR")).contains(Language.PT);
		assertThat(Language.named("Japanese")).contains(Language.JA);
		assertThat(Language.named("日本語")).contains(Language.JA);
		assertThat(Language.named("klingon")).isEmpty();
	}

}
