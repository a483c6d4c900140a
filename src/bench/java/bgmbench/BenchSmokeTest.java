package bgmbench;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench is compiled with the tests and run here once, one tiny case per section, so
 * a change that breaks it fails {@code mvn test} instead of the next person's bench run.
 * Its timings are not judged: only that every section runs our job end to end, reads what
 * it did from the job database, and fills its rows.
 */
class BenchSmokeTest {

	@TempDir
	Path work;

	@Test
	void everySectionRunsOneTinyCaseAndFillsItsRowsWithAMeasurementAndAVerdict() throws Exception {
		Path repo = Path.of("").toAbsolutePath();
		Bench bench = new Bench(repo, this.work, Mode.SMOKE, Bench.ALL, new Launchers(repo, false));

		Table table = bench.run();

		assertThat(table.rows()).extracting(Table.Row::id)
			.containsExactlyInAnyOrder("1a", "1b", "1c", "1d", "2a", "2b", "2c", "2d", "3a", "3b", "3c", "4a", "4b", "4d",
					"4e", "5", "6a", "6b", "8");
		assertThat(table.rows()).allSatisfy((row) -> {
			assertThat(row.ours()).as("row %s", row.id()).isNotEqualTo("not run").doesNotContain("?");
			assertThat(row.verdict()).as("row %s", row.id()).isIn("MET", "MISSED", "info");
		});
		assertThat(table.rows()).filteredOn((row) -> List.of("1a", "1c", "2a", "2c", "2d", "3a", "3b", "4a", "4e", "6a")
			.contains(row.id())).allSatisfy((row) -> assertThat(row.met()).as("row %s has a verdict", row.id()).isNotNull());
		assertThat(table.rows()).filteredOn((row) -> row.id().equals("5"))
			.singleElement()
			.satisfies((row) -> assertThat(row.met()).as("the upload at -Xmx64m was accepted").isTrue());
		assertThat(table.render()).contains("| verdict");
	}

}
