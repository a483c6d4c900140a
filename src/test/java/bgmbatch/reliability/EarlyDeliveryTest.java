package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

	private final Clips clips = new Clips();

	private final List<ProcessHandle> orphans = new ArrayList<>();

	@TempDir
	Path dir;

	@AfterEach
	void stopOrphans() {
		this.orphans.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void aKillWhenSixOfTenItemsAreRenderingLeavesTheFirstDeliveredAndTheRerunMakesOnlyTheRestOnce() throws Exception {
		Path clip = this.clips.video(this.dir.resolve("source.mp4"), SECONDS, true);
		Path inputs = Files.createDirectories(this.dir.resolve("in"));
		StringBuilder csv = new StringBuilder("video,instruction,output,id\n");
		List<Path> videos = this.clips.copies(clip, inputs, ITEMS);
		for (int i = 0; i < ITEMS; i++) {
			csv.append("in/").append(videos.get(i).getFileName()).append(",add calm music at 30%,out-").append(i)
				.append(".mp4,item-").append(i).append('\n');
		}
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"), csv);
		Path output = this.dir.resolve("out");
		String[] args = { "manifest=" + manifest, "output=" + output, "state-dir=" + this.dir.resolve("state"),
				"concurrency=2" };

		ChildJvm first = ChildJvm.start(this.dir, args);
		// the sixth item in manifest order is claimed only once five items were claimed before it
		first.awaitOutput("item-5: rendering", LIMIT);
		List<ProcessHandle> left = first.killAfter(0);
		assertThat(left).as("killed while running: %s", first.stdout()).isNotNull();
		this.orphans.addAll(left);
		for (ProcessHandle orphan : left) {
			orphan.onExit().get(1, TimeUnit.MINUTES);
		}

		Map<String, Object> early = outputs(output);
		assertThat(early).as("delivered before the kill").hasSizeGreaterThanOrEqualTo(3);
		early.keySet().forEach((name) -> this.clips.assertValidOutput(output.resolve(name), SECONDS));

		ChildJvm rerun = ChildJvm.start(this.dir, args);
		assertThat(rerun.awaitExit(LIMIT)).as("rerun: %s%n%s", rerun.stdout(), rerun.stderr()).isZero();
		Map<String, Object> all = outputs(output);
		assertThat(all).hasSize(ITEMS);
		all.keySet().forEach((name) -> this.clips.assertValidOutput(output.resolve(name), SECONDS));
		early.forEach((name, file) -> assertThat(all.get(name)).as("%s delivered once, not again", name).isEqualTo(file));
		assertThat(rerun.stdout().lines().filter((line) -> line.contains(": delivered -> ")))
			.as("the rerun delivers exactly the items the kill left").hasSize(ITEMS - early.size());
		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map((f) -> f.getFileName().toString())).noneMatch((name) -> name.endsWith(".part"));
		}
	}

	/** The visible outputs and their identity (inode): a second delivery would be a new file. */
	private static Map<String, Object> outputs(Path folder) throws IOException {
		Map<String, Object> keys = new HashMap<>();
		if (!Files.isDirectory(folder)) {
			return keys;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().endsWith(".mp4")).toList()) {
				keys.put(file.getFileName().toString(),
						Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
			}
		}
		return keys;
	}

}
