package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.InProcessRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Guarantee 5: the machine fails, not the input. An output that cannot be written or a
 * full disk fails the item with a clear reason, leaves nothing half-written in sight and
 * is made on the next run; a state folder or tool that is missing stops the run before
 * any work with exit 2 and what to do.
 * <p>
 * The tests run as root in CI, and root ignores permission bits, so "not writable" is
 * made with a regular file where a folder must be, and "disk full" with a tiny tmpfs.
 */
class EnvironmentFaultsTest {

	@TempDir
	Path dir;

	@Test
	void outputFolderThatCannotBeCreatedFailsOnlyItsItemAndIsMadeOnTheNextRun() throws Exception {
		Path manifest = manifest("ok.mp4", "blocked/sub/x.mp4");
		Path output = Files.createDirectories(this.dir.resolve("out"));
		Path blocker = Files.writeString(output.resolve("blocked"), "a file where a folder must be");

		InProcessRun first = run(manifest, output);

		assertThat(first.exitCode()).isEqualTo(1);
		Clips.assertValidOutput(output.resolve("ok.mp4"), 1);
		assertThat(lastErrors(manifest).get("row-2")).startsWith("cannot create the output folder")
			.contains("blocked");
		assertThat(output).isDirectoryNotContaining("glob:**.part");

		Files.delete(blocker);
		InProcessRun second = run(manifest, output);

		assertThat(second.exitCode()).as(second.err()).isZero();
		Clips.assertValidOutput(output.resolve("blocked/sub/x.mp4"), 1);
		assertThat(output.resolve("blocked/sub")).isDirectoryNotContaining("glob:**.part");
	}

	@Test
	void fullDiskFailsTheItemsThatDoNotFitWithoutPartFilesAndTheRunResumesOnceThereIsRoom() throws Exception {
		Path output = Files.createDirectories(this.dir.resolve("small-disk"));
		assumeThat(mount(output, "size=160k")).as("mounting a tmpfs (needs root)").isTrue();
		try {
			Path clip = Clips.video(this.dir.resolve("long.mp4"), 3, true);
			Path manifest = Files.writeString(this.dir.resolve("videos.csv"), """
					video,instruction,output
					long.mp4,calm music,a.mp4
					long.mp4,calm music,b.mp4
					long.mp4,calm music,c.mp4
					long.mp4,calm music,d.mp4
					""");
			assertThat(Files.size(clip) * 4).as("the outputs cannot all fit").isGreaterThan(160 * 1024);

			InProcessRun first = run(manifest, output);

			assertThat(first.exitCode()).isEqualTo(1);
			assertThat(lastErrors(manifest).values()).filteredOn((error) -> error != null)
				.isNotEmpty()
				.allSatisfy((error) -> assertThat(error).startsWith("the disk is full: no space left to render")
					.contains(output.toString())
					.endsWith("free some space and run again"));
			assertThat(output).isDirectoryNotContaining("glob:**.part");
			try (var files = Files.list(output)) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".mp4")).toList()) {
					Clips.assertValidOutput(file, 3);
				}
			}

			assertThat(mount(output, "remount,size=20m")).isTrue();
			InProcessRun second = run(manifest, output);

			assertThat(second.exitCode()).as(second.err()).isZero();
			for (String name : List.of("a.mp4", "b.mp4", "c.mp4", "d.mp4")) {
				Clips.assertValidOutput(output.resolve(name), 3);
			}
			assertThat(output).isDirectoryNotContaining("glob:**.part");
		}
		finally {
			new ProcessBuilder("umount", output.toString()).inheritIO().start().waitFor();
		}
	}

	@Test
	void stateFolderThatIsNotWritableStopsTheRunBeforeAnyWorkWithExit2() throws IOException {
		Path manifest = manifest("ok.mp4");
		Path notAFolder = Files.writeString(this.dir.resolve("state-file"), "a file where the state folder must be");

		InProcessRun run = InProcessRun.of("manifest=" + manifest, "output=" + this.dir.resolve("out"),
				"state-dir=" + notAFolder.resolve("state"));

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("the state folder").contains("is not writable").contains("state-dir=DIR");
		assertThat(this.dir.resolve("out")).doesNotExist();
	}

	@Test
	void missingFfmpegStopsTheRunWithExit2AndHowToInstallIt() throws Exception {
		assertMissingToolStopsTheRun("ffmpeg", "ffprobe");
	}

	@Test
	void missingFfprobeStopsTheRunWithExit2AndHowToInstallIt() throws Exception {
		assertMissingToolStopsTheRun("ffprobe", "ffmpeg");
	}

	private void assertMissingToolStopsTheRun(String missing, String present) throws Exception {
		Path manifest = manifest("ok.mp4");
		Path bin = Files.createDirectories(this.dir.resolve("bin-without-" + missing));
		Files.createSymbolicLink(bin.resolve(present), Tools.find(present));

		ChildJvm run = ChildJvm.start(ChildJvm.QUICK_START, Map.of("PATH", bin.toString()), this.dir,
				List.of("manifest=" + manifest, "output=" + this.dir.resolve("out"),
						"state-dir=" + this.dir.resolve("state")));

		assertThat(run.awaitExit(Duration.ofMinutes(2))).isEqualTo(2);
		assertThat(run.stderr()).contains(missing + " is not installed or not on the PATH")
			.contains("apt-get install -y ffmpeg");
		assertThat(this.dir.resolve("out")).doesNotExist();
	}

	private Path manifest(String... outputs) throws IOException {
		Clips.video(this.dir.resolve("in.mp4"), 1, true);
		StringBuilder csv = new StringBuilder("video,instruction,output\n");
		for (String output : outputs) {
			csv.append("in.mp4,calm music,").append(output).append('\n');
		}
		return Files.writeString(this.dir.resolve("videos.csv"), csv);
	}

	private InProcessRun run(Path manifest, Path output) {
		return InProcessRun.of("manifest=" + manifest, "output=" + output, "state-dir=" + this.dir.resolve("state"),
				"concurrency=2");
	}

	private Map<String, String> lastErrors(Path manifest) throws SQLException {
		return StateDatabase.lastErrors(this.dir.resolve("state"), manifest);
	}

	private static boolean mount(Path folder, String options) throws IOException, InterruptedException {
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder.toString())
			.redirectErrorStream(true)
			.start();
		mount.getInputStream().transferTo(System.out);
		return mount.waitFor() == 0;
	}

}
