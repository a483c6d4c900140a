package bgmbatch.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.manifest.ManifestException;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestSource;
import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.InProcessRun;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guarantee 3: manifests written by hand, by spreadsheets or by an attacker stop the run
 * with a message naming row and column, or run correctly; they never write outside the
 * output folder, and a huge one streams through a small heap.
 */
class HostileManifestTest {

	@TempDir
	static Path shared;

	private static Path source;

	@TempDir
	Path dir;

	private Path clip;

	@BeforeAll
	static void source() {
		source = Clips.video(shared.resolve("source.mp4"), 1, true);
	}

	@BeforeEach
	void clip() throws IOException {
		this.clip = Files.copy(source, this.dir.resolve("source.mp4"));
	}

	@Test
	void manifestThatIsNotUtf8StopsBeforeAnyWorkWithExit2() throws IOException {
		Path manifest = this.dir.resolve("latin1.csv");
		Files.write(manifest, "video,instruction\nsource.mp4,musique douce, très calme\n"
			.getBytes(StandardCharsets.ISO_8859_1));

		InProcessRun run = InProcessRun.of(args(manifest));

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("not UTF-8").contains("save it as UTF-8");
		assertThat(this.dir.resolve("out")).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../escape.mp4", "sub/../../escape.mp4", "/tmp/escape.mp4", "~/escape.mp4",
			"C:/escape.mp4", "a<b.mp4", "a>b.mp4", "a|b.mp4", "a?b.mp4", "a*b.mp4", "a:b.mp4", "a\\b.mp4",
			"\"a\"\"b.mp4\"", "a\u0001b.mp4" })
	void outputLeavingTheOutputFolderOrWithReservedCharactersIsRejectedWithRowAndColumn(String output)
			throws IOException {
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction,output\nsource.mp4,music,fine.mp4\nsource.mp4,music," + output + "\n");
		ManifestReader reader = new ManifestReader(ManifestSource.of(manifest), this.dir.resolve("out"), false);

		assertThatThrownBy(reader::validate).isInstanceOf(ManifestException.class)
			.hasMessageContaining("row 2 (line 3), column 'output'");
	}

	@Test
	void rejectedOutputStopsTheRunWithExit2AndNothingWritten() throws IOException {
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction,output\nsource.mp4,music,fine.mp4\nsource.mp4,music,../escape.mp4\n");

		InProcessRun run = InProcessRun.of(args(manifest));

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("row 2 (line 3), column 'output'").contains("'..'");
		assertThat(this.dir.resolve("out")).doesNotExist();
		assertThat(this.dir.resolve("escape.mp4")).doesNotExist();
	}

	@Test
	void notesColumnAndTwoCameraFilesOfTheSameNameAreDeliveredWithTheNotesInTheReports() throws IOException {
		Files.createDirectories(this.dir.resolve("camA"));
		Files.createDirectories(this.dir.resolve("camB"));
		Files.copy(source, this.dir.resolve("camA/C0001.MP4"));
		Files.copy(source, this.dir.resolve("camB/C0001.MP4"));
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction,notes\ncamA/C0001.MP4,calm music,\"wide shot, keep\"\ncamB/C0001.MP4,upbeat music,close-up\n");

		InProcessRun run = InProcessRun.of(args(manifest));

		assertThat(run.exitCode()).as(run.err()).isZero();
		Clips.assertValidOutput(this.dir.resolve("out/C0001.mp4"), 1);
		Clips.assertValidOutput(this.dir.resolve("out/C0001-row-2.mp4"), 1);
		List<String> report = Files.readAllLines(this.dir.resolve("out/report.csv"));
		assertThat(report.get(0)).contains(",notes,target_lufs,");
		assertThat(report.get(1)).contains(",\"wide shot, keep\",");
		assertThat(report.get(2)).contains(",close-up,");
		assertThat(Files.readString(this.dir.resolve("out/report.json"))).contains("\"notes\" : {\n      \"notes\" : \"close-up\"");
	}

	@Test
	void semicolonSeparatedManifestIsDelivered() throws IOException {
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"\uFEFFVideo;Instruction;Output\r\nsource.mp4;\"calm music; fade out\";semi.mp4\r\n");

		InProcessRun run = InProcessRun.of(args(manifest));

		assertThat(run.exitCode()).as(run.err()).isZero();
		Clips.assertValidOutput(this.dir.resolve("out/semi.mp4"), 1);
	}

	@Test
	void rowWithAnUnquotedCommaStopsTheRunWithExit2NamingTheRow() throws IOException {
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"),
				"video,instruction\nsource.mp4,calm music\nsource.mp4,add music, then fade it out\n");

		InProcessRun run = InProcessRun.of(args(manifest));

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("row 2 (line 3)").contains("an unquoted comma?");
		assertThat(this.dir.resolve("out")).doesNotExist();
	}

	@Test
	void crlfManifestWithOneVideoOnTwoRowsAndAHugeInstructionDeliversEveryRow() throws IOException {
		String longInstruction = "add calm music " + "very softly ".repeat(834);
		assertThat(longInstruction.length()).isGreaterThanOrEqualTo(10_000);
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"), String.join("\r\n",
				"video,instruction,output,id", "source.mp4,upbeat music,first.mp4,first",
				"source.mp4,calm music at 20%,second.mp4,second", "source.mp4,\"" + longInstruction + "\",long.mp4,long",
				""));

		InProcessRun run = InProcessRun.of(args(manifest));

		assertThat(run.exitCode()).as(run.err()).isZero();
		for (String output : List.of("first.mp4", "second.mp4", "long.mp4")) {
			Clips.assertValidOutput(this.dir.resolve("out").resolve(output), 1);
		}
	}

	@Test
	void tenThousandCharacterInstructionIsRejectedByTheCloudEngineBeforeAnythingIsPaid() throws Exception {
		String longInstruction = "add calm music " + "very softly ".repeat(834);
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"), "video,instruction,output,id\n"
				+ "source.mp4,add calm music,short.mp4,short\n" + "source.mp4,\"" + longInstruction + "\",long.mp4,long\n");
		try (FakeNemoServer fake = new FakeNemoServer(Files.createDirectories(this.dir.resolve("fake")))) {
			List<String> arguments = new ArrayList<>(List.of("manifest=" + manifest, "output=" + this.dir.resolve("out"),
					"state-dir=" + this.dir.resolve("state"), "engine=nemo"));
			arguments.addAll(fake.jobArguments(Map.of("poll-interval", "20ms")));
			InProcessRun run = InProcessRun.of(arguments.toArray(String[]::new));

			assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
			assertThat(lastErrors(manifest).get("long")).startsWith("the instruction has " + longInstruction.strip().length() + " characters")
				.contains("shorten it");
			assertThat(fake.sessions()).as("no session paid for the rejected item").hasSize(1);
			assertThat(fake.calls("POST", "/run_sse")).hasSize(1);
		}
		Clips.assertValidOutput(this.dir.resolve("out/short.mp4"), 1);
	}

	@Test
	void symlinksAreFollowedForReadingButNeverForWriting() throws IOException, SQLException {
		Path elsewhere = Files.createDirectories(this.dir.resolve("elsewhere"));
		Path victim = Files.writeString(elsewhere.resolve("victim.mp4"), "precious");
		Path inputs = Files.createDirectories(this.dir.resolve("inputs"));
		Files.createSymbolicLink(inputs.resolve("linked.mp4"), this.clip);
		Path output = Files.createDirectories(this.dir.resolve("out"));
		Files.createSymbolicLink(output.resolve("escape"), elsewhere);
		Files.createSymbolicLink(output.resolve("trap.mp4"), victim);
		Files.createSymbolicLink(output.resolve("planted.mp4.part"), victim);
		Path manifest = Files.writeString(inputs.resolve("videos.csv"), """
				video,instruction,output,id
				linked.mp4,calm music,read.mp4,read
				linked.mp4,calm music,escape/out.mp4,folder-link
				linked.mp4,calm music,trap.mp4,output-link
				linked.mp4,calm music,planted.mp4,part-link
				""");

		InProcessRun run = InProcessRun.of("manifest=" + manifest, "output=" + output,
				"state-dir=" + this.dir.resolve("state"), "concurrency=2");

		assertThat(run.exitCode()).as("two items failed").isEqualTo(1);
		Clips.assertValidOutput(output.resolve("read.mp4"), 1);
		Clips.assertValidOutput(output.resolve("planted.mp4"), 1);
		assertThat(output.resolve("planted.mp4.part")).doesNotExist();
		assertThat(victim).hasContent("precious");
		assertThat(elsewhere).isDirectoryNotContaining((file) -> !file.equals(victim));
		Map<String, String> errors = lastErrors(manifest);
		assertThat(errors.get("folder-link")).contains("leads outside the output folder");
		assertThat(errors.get("output-link")).contains("leads outside the output folder");
		assertThat(errors.get("read")).isNull();
	}

	@Test
	void hundredThousandRowManifestStreamsThroughA128MegabyteHeap() throws Exception {
		Path manifest = this.dir.resolve("big.csv");
		try (var out = Files.newBufferedWriter(manifest)) {
			out.write("video,instruction,output,id\n");
			for (int i = 0; i < 100_000; i++) {
				// missing videos: each row is validated, prepared and reported, no stage has work
				out.write("clips/missing-" + i + ".mp4,add calm music at 30% and fade out,out-" + i + ".mp4,item-" + i
						+ "\n");
			}
		}

		ChildJvm run = ChildJvm.start(List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"), Map.of(), this.dir,
				List.of(args(manifest)));

		assertThat(run.awaitExit(Duration.ofMinutes(3))).as(run.stderr()).isEqualTo(3);
		assertThat(run.stderr()).doesNotContain("OutOfMemoryError");
		assertThat(run.stdout()).contains("0 delivered, 100000 skipped, 0 failed");
		try (var lines = Files.lines(this.dir.resolve("out").resolve("report.csv"))) {
			assertThat(lines.count()).isEqualTo(100_001);
		}
	}

	private Map<String, String> lastErrors(Path manifest) throws SQLException {
		return StateDatabase.lastErrors(this.dir.resolve("state"), manifest);
	}

	private String[] args(Path manifest) {
		return new String[] { "manifest=" + manifest, "output=" + this.dir.resolve("out"),
				"state-dir=" + this.dir.resolve("state"), "concurrency=2" };
	}

}
