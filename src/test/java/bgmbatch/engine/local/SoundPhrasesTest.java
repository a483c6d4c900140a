package bgmbatch.engine.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How deep the ducking goes and the podcast loudness preset, as people write them in eight languages. */
class SoundPhrasesTest {

	private final InstructionParser parser = new InstructionParser();

	@ParameterizedTest(name = "\"{0}\" dips the music {1} dB")
	@CsvSource(delimiter = '|', value = { "duck the music by 10 dB | 10",
			"lower the music 15 dB under the voice | 15", "sidechain it to the dialogue with 6 dB of reduction | 6",
			"ducking depth 20 dB | 20", "set the ducking to 18 dB | 18", "auto-duck the bed -9 dB under speech | 9",
			"Musik beim Sprechen um 10 dB absenken | 10", "bajar la música 10 dB cuando hablan | 10",
			"baisser la musique de 10 dB quand quelqu'un parle | 10",
			"abaixar a música 10 dB quando alguém falar | 10",
			"abbassa la musica di 10 dB quando qualcuno parla | 10", "有人说话时音乐降低10分贝 | 10",
			"闪避深度20分贝 | 20", "話している時はBGMを10dB下げて | 10", "ダッキングは18dBで | 18" })
	void aDuckingDepthInAnyLanguageSetsTheDip(String instruction, double depth) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.ducking()).isTrue();
		assertThat(parsed.duckingDb()).isEqualTo(depth);
		assertThat(parsed.volume()).isEqualTo(InstructionParser.DEFAULT_VOLUME);
		assertThat(parsed.phrases()).containsKey("duckingDepth");
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void duckingWithoutADepthDipsTheDefault12Db() {
		assertThat(this.parser.parse("duck under speech").duckingDb())
			.isEqualTo(InstructionParser.DEFAULT_DUCKING_DB)
			.isEqualTo(12);
		assertThat(this.parser.parse("").duckingDb()).isEqualTo(12);
	}

	@Test
	void aDepthPastFortyDbIsCappedAndSaid() {
		Instruction parsed = this.parser.parse("duck by 60 dB under the voice");
		assertThat(parsed.duckingDb()).isEqualTo(SoundRules.MAX_DUCKING_DB).isEqualTo(40);
		assertThat(parsed.warnings())
			.containsExactly("a ducking depth of \"60 db\" is more than 40 dB; it dips 40 dB");
	}

	@ParameterizedTest(name = "\"{0}\" is a level, not a ducking depth")
	@CsvSource(delimiter = '|', value = { "music at -20 dB, duck under speech | 0.1",
			"lower the music to -20 dB when someone talks | 0.1", "bajar la música a -20 dB cuando hablan | 0.1",
			"Musik auf -20 dB absenken, wenn jemand spricht | 0.1",
			"lower the music by 6 dB and duck under speech | 0.175" })
	void decibelsATargetOrAnotherVerbGovernsStayTheLevel(String instruction, double volume) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.ducking()).isTrue();
		assertThat(parsed.volume()).isCloseTo(volume, within(0.001));
		assertThat(parsed.duckingDb()).isEqualTo(InstructionParser.DEFAULT_DUCKING_DB);
	}

	@Test
	void keepingTheMusicUnderTheVoiceIsALevelNotKeepingTheVoice() {
		Instruction parsed = this.parser.parse("keep the music 12 dB under the voice");
		assertThat(parsed.volume()).isCloseTo(0.2512, within(0.001));
		assertThat(parsed.phrases()).containsOnlyKeys("volume");
	}

	@ParameterizedTest(name = "\"{0}\" is mixed for podcasts")
	@CsvSource(delimiter = '|', value = { "calm music for my podcast", "mix it for Apple", "for Apple Podcasts",
			"upbeat bed, deliver for Spotify podcasts", "fröhliche Hintergrundmusik für einen Podcast",
			"música tranquila para pódcast", "musique calme pour un podcast", "uma música calma para o meu podcast",
			"musica rilassante per un podcast", "播客用的轻松背景音乐", "ポッドキャスト向けに落ち着いたBGM" })
	void podcastAndAppleAskForMinus16Lufs(String instruction) {
		Instruction parsed = this.parser.parse(instruction);
		assertThat(parsed.loudnessLufs()).isEqualTo(InstructionParser.PODCAST_LOUDNESS)
			.isEqualTo(-16);
		assertThat(parsed.phrases()).containsKey("loudness");
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void spotifyAloneIsStreamingNotPodcast() {
		assertThat(this.parser.parse("for Spotify").loudnessLufs()).isEqualTo(InstructionParser.DEFAULT_LOUDNESS);
		assertThat(this.parser.parse("for YouTube").loudnessLufs()).isEqualTo(-14);
	}

}
