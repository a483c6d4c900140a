package bgmbatch.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.Orphans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outputs are delivered as their items finish, not at the end of the run: a kill -9 when
 * six of ten items have reached their render (60% of the run) leaves the first ones
 * delivered, and the rerun makes only the rest, each once.
 */
class EarlyDeliveryTest {

	private static final int ITEMS = 10;

	private static final double SECONDS = 1.0;

	private static final Duration LIMIT = Duration.ofMinutes(2);

	@RegisterExtension
	final Orphans orphans = new Orphans();

	@TempDir
	Path dir;

	@Test
	void aKillWhenSixOfTenItemsAreRenderingLeavesTheFirstDeliveredAndTheRerunMakesOnlyTheRestOnce() throws Exception {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), SECONDS, true);
		Path manifest = Clips.manifest(this.dir, clip, ITEMS, "add calm music at 30%");
		Path output = this.dir.resolve("out");
		String[] args = { "manifest=" + manifest, "output=" + output, "state-dir=" + this.dir.resolve("state"),
				"concurrency=2" };

		ChildJvm first = ChildJvm.start(this.dir, args);
		// the sixth item in manifest order is claimed only once five items were claimed before it
		first.awaitOutput("item-5: rendering", LIMIT);
		List<ProcessHandle> left = first.killAfter(0);
		assertThat(left).as("killed while running: %s", first.stdout()).isNotNull();
		this.orphans.add(left);
		this.orphans.awaitExit(Duration.ofMinutes(1));

		Map<String, Object> early = Clips.outputs(output);
		assertThat(early).as("delivered before the kill").hasSizeGreaterThanOrEqualTo(3);
		early.keySet().forEach((name) -> Clips.assertValidOutput(output.resolve(name), SECONDS));

		ChildJvm rerun = ChildJvm.start(this.dir, args);
		assertThat(rerun.awaitExit(LIMIT)).as("rerun: %s%n%s", rerun.stdout(), rerun.stderr()).isZero();
		Map<String, Object> all = Clips.outputs(output);
		assertThat(all).hasSize(ITEMS);
		all.keySet().forEach((name) -> Clips.assertValidOutput(output.resolve(name), SECONDS));
		early.forEach((name, file) -> assertThat(all.get(name)).as("%s delivered once, not again", name).isEqualTo(file));
		assertThat(rerun.stdout().lines().filter((line) -> line.contains(": delivered -> ")))
			.as("the rerun delivers exactly the items the kill left").hasSize(ITEMS - early.size());
		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map((f) -> f.getFileName().toString())).noneMatch((name) -> name.endsWith(".part"));
		}
	}

}
