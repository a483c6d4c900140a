package bgmbatch.engine.local.words;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconIndexTest {

	@Test
	void theIndexReadsBackExactlyTheLexiconItWasWrittenFrom() throws IOException {
		Lexicon built = Lexicon.build(new Segmenter());
		StringWriter index = new StringWriter();
		LexiconIndex.write(built, index);

		Lexicon read = LexiconIndex.read(new Lexicon(), index.toString().lines().toList()).orElseThrow();

		assertThat(read.entries()).hasSameSizeAs(built.entries());
		for (int i = 0; i < built.entries().size(); i++) {
			Lexicon.Entry a = built.entries().get(i);
			Lexicon.Entry b = read.entries().get(i);
			assertThat(List.of(b.language(), b.concept(), b.text(), List.of(b.surface()), List.of(b.stems()), b.exactOnly()))
				.isEqualTo(List.of(a.language(), a.concept(), a.text(), List.of(a.surface()), List.of(a.stems()),
						a.exactOnly()));
		}
		assertThat(read.stopWords()).isEqualTo(built.stopWords());
		assertThat(read.written()).isEqualTo(built.written());
	}

	@Test
	void anIndexOfOtherSourcesIsNotUsed() {
		assertThat(LexiconIndex.read(new Lexicon(), List.of("# lexicon index of sources 0000", "E\tEN\tmood:calm\t0\tx\tx\tx")))
			.isEmpty();
	}

}
