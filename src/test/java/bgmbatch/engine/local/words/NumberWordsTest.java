package bgmbatch.engine.local.words;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberWordsTest {

	@Test
	void theShippedNumberWordsAreExactlyWhatIcuSpellsOut() throws IOException {
		String shipped;
		try (InputStream in = NumberWordsTest.class.getResourceAsStream("/bgmbatch/words/number-words.txt")) {
			shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		// to regenerate: run NumberWordsTable.main with the path of number-words.txt
		assertThat(NumberWordsTable.lines(shipped)).isEqualTo(NumberWordsTable.lines(NumberWordsTable.generate()));
	}

}
