package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phrasing corpus ({@code src/test/resources/instructions}): at least 400 instructions
 * in eight languages as people write them, each with the plan it means. The report (overall,
 * per batch and per language, and every miss) goes to the test output and to
 * {@code target/instruction-corpus.txt}.
 */
class InstructionCorpusTest {

	static final double REQUIRED_ACCURACY = 0.97;

	private static final InstructionParser parser = new InstructionParser();

	private static List<PhrasingCorpus.Example> examples;

	private static final List<String> misses = new ArrayList<>();

	private static final Map<String, int[]> byBatch = new TreeMap<>();

	private static final Map<String, int[]> byLanguage = new TreeMap<>();

	private static int right;

	@BeforeAll
	static void readTheCorpus() throws IOException {
		examples = PhrasingCorpus.load();
		for (PhrasingCorpus.Example example : examples) {
			List<String> wrong = example.misses(parser.parse(example.instruction()));
			boolean ok = wrong.isEmpty();
			count(byBatch, example.batch(), ok);
			count(byLanguage, example.language(), ok);
			if (ok) {
				right++;
			}
			else {
				misses.add(example.file() + ":" + example.line() + " [" + example.language() + "] " + example.instruction()
						+ "\n    " + String.join("; ", wrong));
			}
		}
		String report = report();
		System.out.println(report);
		Files.writeString(Path.of("target", "instruction-corpus.txt"), report, StandardCharsets.UTF_8);
	}

	private static void count(Map<String, int[]> counts, String key, boolean ok) {
		int[] count = counts.computeIfAbsent(key, (k) -> new int[2]);
		count[1]++;
		if (ok) {
			count[0]++;
		}
	}

	private static String report() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "phrasing corpus: %d of %d read as meant (%.1f%%)%n", right,
				examples.size(), 100.0 * right / examples.size()));
		byBatch.forEach((batch, c) -> text.append(String.format(Locale.ROOT, "  batch %-6s %3d/%3d%n", batch, c[0], c[1])));
		byLanguage.forEach((language, c) -> text.append(String.format(Locale.ROOT, "  %-12s %3d/%3d%n", language, c[0], c[1])));
		misses.forEach((miss) -> text.append("  miss ").append(miss).append('\n'));
		return text.toString();
	}

	@Test
	void atLeast97PercentOfTheCorpusReadsAsMeant() {
		assertThat(examples).hasSizeGreaterThanOrEqualTo(400);
		assertThat((double) right / examples.size()).as(report()).isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
	}

	@Test
	void everyLanguageHasItsShareOfTheCorpus() {
		assertThat(byLanguage.keySet()).containsExactlyInAnyOrder("en", "de", "es", "fr", "pt", "it", "zh", "ja");
		byLanguage.forEach((language, count) -> assertThat(count[1]).as(language).isGreaterThanOrEqualTo(25));
	}

	@Test
	void everyMissTheIssueListsGivesTheMeantPlan() {
		assertThat(byBatch.get("issue")[1]).isGreaterThanOrEqualTo(30);
		assertThat(misses).noneMatch((miss) -> miss.startsWith("corpus-issue.tsv"));
	}

	@Test
	void theSameInstructionAlwaysGivesTheSamePlan() {
		InstructionParser another = new InstructionParser();
		for (int i = examples.size() - 1; i >= 0; i--) {
			String instruction = examples.get(i).instruction();
			assertThat(another.parse(instruction)).as(instruction).isEqualTo(parser.parse(instruction));
		}
	}

}
