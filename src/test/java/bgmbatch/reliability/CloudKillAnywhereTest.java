package bgmbatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.engine.nemo.fake.RecordedCall;
import bgmbatch.support.ChildJvm;
import bgmbatch.support.Clips;
import bgmbatch.support.Orphans;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guarantee 1 on the cloud engine: the job is killed with SIGKILL at seeded random
 * moments against the fake NemoVideo server (which lives in this JVM and so outlives
 * every child), rerun after each kill, and in the end every item is delivered once and
 * valid, and the server's request log shows nothing paid twice: one edit message per
 * item, at most one upload per session, one render per session (none failed here).
 * {@code -Dbgm.kill.seed=N} replays a sequence.
 */
class CloudKillAnywhereTest {

	private static final int ITEMS = 8;

	private static final int KILLS = 10;

	private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

	@RegisterExtension
	final Orphans orphans = new Orphans();

	private final List<FakeNemoServer> fakes = new ArrayList<>();

	@TempDir
	Path dir;

	@AfterEach
	void stop() throws IOException {
		for (FakeNemoServer fake : this.fakes) {
			fake.close();
		}
	}

	@Test
	void cloudJobKilledAtRandomMomentsDeliversEveryItemOncePayingForNothingTwice() throws Exception {
		long seed = Long.getLong("bgm.kill.seed", System.nanoTime());
		System.out.println("CloudKillAnywhereTest seed " + seed + " (replay with -Dbgm.kill.seed=" + seed + ")");
		Random random = new Random(seed);
		Path clip = Clips.video(this.dir.resolve("source.mp4"), 1, true);

		Job measured = job("measured", clip);
		KillSchedule schedule = KillSchedule.measuring(measured.start(), random, RUN_LIMIT);

		Job job = job("killed", clip);
		StringBuilder childOutput = new StringBuilder();
		int runs = schedule.run(job::start, KILLS, this.orphans,
				(run) -> childOutput.append(run.stdout()).append(run.stderr()));
		ChildJvm last = job.start();
		assertThat(last.awaitExit(RUN_LIMIT)).as("last run: %s%n%s", last.stdout(), last.stderr()).isZero();
		childOutput.append(last.stdout()).append(last.stderr());
		this.orphans.awaitExit(Duration.ofMinutes(1));

		Set<String> expected = new TreeSet<>(Set.of("report.csv", "report.json"));
		for (int i = 0; i < ITEMS; i++) {
			expected.add("out-" + i + ".mp4");
			Clips.assertValidOutput(job.output().resolve("out-" + i + ".mp4"), 1);
		}
		try (Stream<Path> files = Files.list(job.output())) {
			Set<String> names = files.map((f) -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
			assertThat(names).as("no part or temp files")
				.containsAll(expected)
				.allMatch((name) -> !name.endsWith(".part") && !name.startsWith("."));
		}
		assertThat(StateDatabase.countBy(job.state(), job.manifest(),
				"SELECT STATUS, COUNT(*) FROM BGM_ITEM GROUP BY STATUS"))
			.isEqualTo(Map.of("DELIVERED", ITEMS));

		FakeNemoServer fake = job.fake();
		assertThat(fake.calls("POST", "/run_sse")).as("one edit message per item").hasSize(ITEMS);
		for (String session : fake.sessions()) {
			assertThat(fake.messagesTo(session)).as("messages to %s", session).isLessThanOrEqualTo(1);
		}
		assertThat(countBy(fake.calls("POST", "/api/upload-video/"), (call) -> call.path().substring(call.path().lastIndexOf('/') + 1)))
			.as("uploads per session")
			.allSatisfy((session, uploads) -> assertThat(uploads).isEqualTo(1));
		assertThat(countBy(fake.calls("POST", "/api/render/proxy/lambda").stream()
			.filter((call) -> call.path().equals("/api/render/proxy/lambda"))
			.toList(), CloudKillAnywhereTest::renderSession))
			.as("renders submitted per session (none failed, so never twice)")
			.allSatisfy((session, renders) -> assertThat(renders).isEqualTo(1))
			.hasSize(ITEMS);
		for (String token : fake.issuedTokens()) {
			assertThat(childOutput).as("the token in a child's output").doesNotContain(token);
		}
		// Known gap: a kill after the session request but before its id is recorded opens a
		// second session for that item on restart. Bounded by one per kill, and reported.
		assertThat(fake.sessions().size()).isBetween(ITEMS, ITEMS + KILLS);
		System.out.printf("%d kills in %d runs; %d sessions for %d items%n", KILLS, runs, fake.sessions().size(), ITEMS);
	}

	private static String renderSession(RecordedCall call) {
		try {
			return new ObjectMapper().readTree(call.body()).path("sessionId").asText();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Long> countBy(List<RecordedCall> calls, Function<RecordedCall, String> key) {
		return calls.stream().filter((call) -> call.status() == 200).collect(Collectors.groupingBy(key, Collectors.counting()));
	}

	private Job job(String name, Path clip) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve(name));
		FakeNemoServer fake = new FakeNemoServer(Files.createDirectories(folder.resolve("fake")));
		this.fakes.add(fake);
		Path manifest = Clips.manifest(folder, clip, ITEMS, "add calm background music");
		return new Job(folder, manifest, folder.resolve("out"), folder.resolve("state"), fake);
	}

	private record Job(Path folder, Path manifest, Path output, Path state, FakeNemoServer fake) {

		ChildJvm start() {
			List<String> arguments = new ArrayList<>(List.of("manifest=" + this.manifest, "output=" + this.output,
					"state-dir=" + this.state, "concurrency=2", "engine=nemo"));
			// the draft is checked at the engine's default count, at a pace a loaded machine keeps up with
			arguments.addAll(this.fake.jobArguments(Map.of("poll-interval", "20ms", "state-polls", "5")));
			return ChildJvm.start(ChildJvm.QUICK_START, Map.of(), this.folder, arguments);
		}

	}

}
