package bgmbatch.reliability;

import bgmbatch.support.InProcessRun;
import bgmbatch.support.Clips;
import bgmbatch.support.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.nemo.fake.FakeNemoServer;
import bgmbatch.engine.nemo.fake.RecordedCall;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several machines, played by separate JVMs on this one: a manager ({@code distributed=true})
 * and worker processes ({@code worker}) sharing a PostgreSQL job database and a RabbitMQ
 * broker ({@link SharedServices}). Every item is delivered once, each stage of each item
 * is recorded once (the ledger's stage log), a worker killed with SIGKILL loses nothing,
 * and requests left in the queue by a killed run never run again.
 */
class SeveralMachinesTest {

	private static final int ITEMS = 12;

	private static final double SECONDS = 1.0;

	/** A lease short enough that a killed worker's item and slot go to another worker within the test. */
	private static final String LEASE = "lease=4s";

	/** Generous: the machine running the tests is shared, and each JVM starts Spring. */
	private static final Duration START_LIMIT = Duration.ofMinutes(3);

	private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

	private static final List<String> STAGES = List.of("UPLOAD", "EDIT", "VERIFY", "EXPORT", "DOWNLOAD");


	private final List<ChildJvm> children = new ArrayList<>();

	private final List<ProcessHandle> orphans = new ArrayList<>();

	private final List<FakeNemoServer> fakes = new ArrayList<>();

	private SharedServices services;

	private String database;

	@TempDir
	Path dir;

	@BeforeEach
	void services() throws Exception {
		this.services = SharedServices.require();
		this.database = this.services.newDatabase();
	}

	@AfterEach
	void stopEverything() throws IOException, InterruptedException {
		for (ChildJvm child : this.children) {
			this.orphans.addAll(child.kill());
		}
		this.orphans.forEach(ProcessHandle::destroyForcibly);
		for (FakeNemoServer fake : this.fakes) {
			fake.close();
		}
	}

	@Test
	void aManagerAndTwoWorkersDeliverEveryItemOnceAndBothWorkersDoSome() throws Exception {
		Job job = job(ITEMS);
		ChildJvm first = worker("w1");
		ChildJvm second = worker("w2");

		ChildJvm manager = manager(job, "concurrency=2");
		assertExit(manager, 0);

		assertDeliveredOnce(job);
		assertThat(workersOf(stageLogs()).stream().map(SeveralMachinesTest::process).collect(Collectors.toSet()))
			.as("processes that ran stages")
			.containsExactlyInAnyOrder(process(first), process(second));
		assertNoRenderOverlaps(job);
		assertThat(Files.readString(job.output().resolve("report.html"))).as("the report's timeline rows")
			.contains(process(first), process(second));
		for (int i = 0; i < ITEMS; i++) {
			assertThat(manager.stdout()).as("the manager's progress, followed in the shared ledger")
				.containsPattern("\\[[0-9]+/" + ITEMS + "\\] item-" + i + ": delivered -> out-" + i + ".mp4");
		}
	}

	@Test
	void aWorkerKilledMidItemLeavesItsItemsToTheOtherWorker() throws Exception {
		Job job = job(ITEMS);
		ChildJvm doomed = worker("doomed");
		ChildJvm survivor = worker("survivor");
		ChildJvm manager = manager(job, "concurrency=2");

		doomed.awaitOutput(": rendering", RUN_LIMIT);
		this.orphans.addAll(doomed.kill());
		assertExit(manager, 0);
		awaitOrphans();

		assertDeliveredOnce(job);
		assertNoRenderOverlaps(job);
		Map<String, List<Map<String, String>>> logs = stageLogs();
		assertThat(logs.values())
			.as("an item the killed worker began and the survivor finished")
			.anySatisfy((log) -> assertThat(log.stream().map((run) -> process(run.get("worker"))).toList())
				.contains(process(doomed), process(survivor)));
	}

	/**
	 * What the README promises for scaling during a run: a worker started mid-run takes the
	 * slot still waiting in the queue and works on items; a worker stopped with SIGTERM in
	 * the middle of an item finishes its stage, hands the item and its slot back, exits 0,
	 * and the other worker finishes that item. (The first worker's first stage is held at a
	 * gate, so both happen at a known point, however loaded the machine.)
	 */
	@Test
	void aWorkerStartedMidRunTakesItemsAndAWorkerStoppedMidItemHandsThatItemOver() throws Exception {
		Job job = job(ITEMS);
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm leaving = gatedWorker("leaving", gate);
		// two slots, one lane running: the second slot waits in the queue for a worker to join
		ChildJvm manager = manager(job, "concurrency=2");
		leaving.awaitOutput("item-0: probing", RUN_LIMIT);

		ChildJvm joining = worker("joining");
		joining.awaitOutput(": rendering", RUN_LIMIT);
		leaving.terminate();
		leaving.awaitOutput("Stopping", RUN_LIMIT);
		gate.open();
		assertExit(leaving, 0);
		assertThat(leaving.stdout()).as("the stopped worker's output; its log:%n%s", workerLog("leaving"))
			.contains("Stopped.");
		assertExit(manager, 0);

		assertDeliveredOnce(job);
		assertNoRenderOverlaps(job);
		List<String> item0 = stageLogs().get("item-0").stream().map((run) -> process(run.get("worker"))).toList();
		assertThat(item0).as("who ran each stage of the item the stopped worker was on")
			.startsWith(process(leaving))
			.contains(process(joining))
			.containsOnly(process(leaving), process(joining));
		assertThat(workersOf(stageLogs()).stream().filter((worker) -> worker.startsWith(process(leaving) + ":")))
			.as("the stopped worker's stages").isNotEmpty();
		assertThat(workerLog("joining").split("runs slot step execution", -1))
			.as("the joining worker ran the slot waiting in the queue and the one handed back")
			.hasSize(3);
		assertThat(joining.isAlive()).isTrue();
	}

	/**
	 * Item 4 of the issue: a worker whose machine does not see an item's input (no shared
	 * mount there) hands the item back, naming its machine and worker, without counting it
	 * as an attempt; the other worker, which sees it, does it. Played on one machine with
	 * a manifest path under /proc/self/cwd, which each process resolves in its own folder.
	 */
	@Test
	void aWorkerThatCannotSeeAnInputHandsTheItemToAWorkerThatCan() throws Exception {
		Job job = jobSeenFrom(this.dir, 4);
		ProbeGate gate = new ProbeGate(this.dir);
		// the worker that sees the files holds its first item at the gate until the other has refused the rest
		ChildJvm sighted = gatedWorker("sighted", gate);
		ChildJvm blind = worker("blind", Files.createDirectories(this.dir.resolve("elsewhere")), pathWithCallLog(),
				List.of());
		ChildJvm manager = manager(job, "concurrency=2");
		blind.awaitOutput("cannot read the input", RUN_LIMIT);
		gate.open();
		assertExit(manager, 0);

		assertDeliveredOnce(job, 4);
		assertThat(workersOf(stageLogs()).stream().map(SeveralMachinesTest::process).collect(Collectors.toSet()))
			.as("processes that ran stages").containsExactly(process(sighted));
		List<String> refusals = new ArrayList<>();
		query("SELECT WORKER || ' ' || REASON FROM BGM_REFUSAL", (rs) -> refusals.add(rs.getString(1)));
		assertThat(refusals).as("the blind worker's refusals").isNotEmpty()
			.allSatisfy((refusal) -> assertThat(refusal).startsWith(process(blind) + ":1 " + WorkerHost.NAME
					+ " (worker " + process(blind) + ":1) cannot read the input /proc/self/cwd/media/"));
		query("SELECT ITEM_ID, ATTEMPTS FROM BGM_ITEM",
				(rs) -> assertThat(rs.getInt(2)).as("attempts on %s", rs.getString(1)).isZero());
	}

	/** When no worker of the run can see an item's input, the item fails, its reason naming each machine and worker. */
	@Test
	void anItemNoWorkerCanSeeFailsWithTheReasonOfEachMachine() throws Exception {
		Job job = jobSeenFrom(this.dir, 2);
		ChildJvm blind = worker("blind", Files.createDirectories(this.dir.resolve("elsewhere")), pathWithCallLog(),
				List.of());
		ChildJvm manager = manager(job, "concurrency=1");
		assertExit(manager, 1);

		String reason = "no worker could work on it: " + WorkerHost.NAME + " (worker " + process(blind)
				+ ":1) cannot read the input /proc/self/cwd/media/";
		query("SELECT ITEM_ID, STATUS, LAST_ERROR FROM BGM_ITEM", (rs) -> {
			assertThat(rs.getString(2)).as("status of %s", rs.getString(1)).isEqualTo("FAILED");
			assertThat(rs.getString(3)).as("reason of %s", rs.getString(1)).startsWith(reason);
		});
		assertThat(manager.stdout()).as("the manager's progress").contains("item-0: failed while probing: " + reason)
			.contains("item-1: failed while probing: " + reason);
	}

	/**
	 * On a shared database {@code abandon} takes the job's lock: it refuses (exit 5) while the
	 * run's manager lives on some machine, and abandons the run once the manager is gone.
	 * {@code retry-skipped} re-queues a skipped item whose file has arrived.
	 */
	@Test
	void abandonAndRetrySkippedWorkOnTheSharedDatabase() throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve("job"));
		Path clip = Clips.video(this.dir.resolve("source.mp4"), SECONDS, true);
		Files.createDirectories(folder.resolve("in"));
		Files.copy(clip, folder.resolve("in/present.mp4"));
		Path manifest = Files.writeString(folder.resolve("videos.csv"), """
				video,instruction,output,id
				in/present.mp4,add calm music,out-0.mp4,present
				in/late.mp4,add calm music,out-1.mp4,late
				""");
		// no worker: the manager hands its slot out and waits, holding the job's lock
		ChildJvm manager = manager(new Job(manifest, folder.resolve("out")), "concurrency=1");
		manager.awaitOutput("item(s) to work on", START_LIMIT);

		InProcessRun refused = command("abandon", "manifest=" + manifest);
		assertThat(refused.exitCode()).as("abandon while the manager lives: %s%s", refused.out(), refused.err())
			.isEqualTo(5);
		assertThat(executionStatuses()).as("the run's status").containsExactly("STARTED");

		this.orphans.addAll(manager.kill());
		InProcessRun abandoned = command("abandon", "manifest=" + manifest);
		assertThat(abandoned.exitCode()).as("abandon: %s%s", abandoned.out(), abandoned.err()).isZero();
		assertThat(abandoned.out()).contains("recovering it first").contains("ABANDONED");
		assertThat(executionStatuses()).as("the run's status").containsExactly("ABANDONED");

		Files.copy(clip, folder.resolve("in/late.mp4"));
		InProcessRun retried = command("retry-skipped", "manifest=" + manifest);
		assertThat(retried.exitCode()).as("retry-skipped: %s%s", retried.out(), retried.err()).isZero();
		assertThat(retried.out()).contains("re-queued      late");
		query("SELECT STATUS FROM BGM_ITEM WHERE ITEM_ID = 'late'",
				(rs) -> assertThat(rs.getString(1)).isEqualTo("PENDING"));
	}

	/**
	 * A lane holds a database connection only while it writes: not while its item is in a
	 * stage (here held at the gate), nor while it waits for items other workers hold. Each
	 * lane that did pinned one "idle in transaction" for as long, out of a pool sized from
	 * the lanes, and out of PostgreSQL's {@code max_connections}.
	 */
	@Test
	void lanesInTheMiddleOfAStageHoldNoDatabaseConnection() throws Exception {
		Job job = job(2);
		ProbeGate gate = new ProbeGate(this.dir);
		ChildJvm worker = gatedWorker("gated", gate, "concurrency=2");
		ChildJvm manager = manager(job, "concurrency=2");
		worker.awaitOutput("item-0: probing", RUN_LIMIT);
		worker.awaitOutput("item-1: probing", RUN_LIMIT);

		// a transaction idle for over a second while the lanes' items are held at the gate (the short
		// transactions of lease renewals, between their statement and their commit, do not count)
		List<String> pinned = new ArrayList<>();
		query("SELECT pg_sleep(1.5)", (rs) -> {
		});
		query("SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
				+ "pg_backend_pid() AND state LIKE 'idle in transaction%' AND state_change < clock_timestamp() - "
				+ "INTERVAL '1 second'", (rs) -> pinned.add(rs.getString(3)));
		gate.open();
		assertExit(manager, 0);
		assertThat(pinned).as("connections idle in a transaction while both lanes' items were in a stage").isEmpty();
		assertDeliveredOnce(job, 2);
	}

	/** The job's runs' statuses in the job repository, oldest first. */
	private List<String> executionStatuses() throws SQLException {
		List<String> statuses = new ArrayList<>();
		query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", (rs) -> statuses.add(rs.getString(1)));
		return statuses;
	}

	@Test
	void afterEveryProcessIsKilledARestartFinishesOnlyWhatWasMissingAndNoStaleRequestRuns() throws Exception {
		Job job = job(ITEMS);
		ChildJvm first = worker("w1");
		ChildJvm second = worker("w2");
		// four slots for two one-lane workers: two requests wait in the queue when everything is killed
		ChildJvm manager = manager(job, "concurrency=4");
		// a worker that delivered an item and claimed its next one has committed the delivery
		first.awaitOutput(Pattern.compile("\\[[1-9][0-9]*/[0-9]+\\] \\S+: probing"), RUN_LIMIT);
		this.orphans.addAll(first.kill());
		this.orphans.addAll(second.kill());
		manager.kill();
		awaitOrphans();
		Map<String, List<Map<String, String>>> before = stageLogs();
		Set<String> deliveredBefore = delivered();
		assertThat(deliveredBefore).as("delivered before the kill").isNotEmpty();
		// the operator's view of the shared database: the killed run, and who held what
		InProcessRun status = command("status", "manifest=" + job.manifest());
		assertThat(status.exitCode()).as("status: %s%s", status.out(), status.err()).isZero();
		assertThat(status.out()).contains("running on the workers").contains(process(first) + ":1");
		InProcessRun jobs = command("jobs");
		assertThat(jobs.exitCode()).as("jobs: %s%s", jobs.out(), jobs.err()).isZero();
		assertThat(jobs.out()).contains("running").contains(process(first) + " (1)");

		ChildJvm restart = manager(job, "concurrency=4");
		restart.awaitOutput("Recovering the run interrupted", START_LIMIT);
		ChildJvm third = worker("w3");
		ChildJvm fourth = worker("w4");
		assertExit(restart, 0);

		assertDeliveredOnce(job);
		Map<String, List<Map<String, String>>> after = stageLogs();
		for (String id : deliveredBefore) {
			assertThat(after.get(id)).as("stages of %s, delivered before the kill", id).isEqualTo(before.get(id));
		}
		assertThat(workerLog("w3") + workerLog("w4")).as("the new workers' logs")
			.contains("dropped a request for slot");
		assertThat(stepExecutionsRunBy(third, fourth)).as("step executions of the killed run that the new workers ran")
			.isEmpty();
	}

	@Test
	void theCloudEngineAcrossTwoWorkersSendsOneEditPerItemAndNoRenderTwice() throws Exception {
		int items = 6;
		FakeNemoServer fake = fakeNemo();
		Job job = job(items);
		assertExit(cloudAcrossTwoWorkers(fake, job), 0);

		assertDeliveredOnce(job, items);
		assertThat(fake.calls("POST", "/run_sse")).as("one edit message per item").hasSize(items);
		for (String session : fake.sessions()) {
			assertThat(fake.messagesTo(session)).as("messages to %s", session).isLessThanOrEqualTo(1);
		}
		Map<String, Long> renders = fake.calls("POST", "/api/render/proxy/lambda")
			.stream()
			.filter((call) -> call.status() == 200 && call.path().equals("/api/render/proxy/lambda"))
			.collect(Collectors.groupingBy(SeveralMachinesTest::renderSession, Collectors.counting()));
		assertThat(renders).as("renders per session").hasSize(items).allSatisfy((session, count) -> assertThat(count).isOne());
		assertThat(workersOf(stageLogs()).stream().map(SeveralMachinesTest::process).collect(Collectors.toSet()))
			.as("processes that ran stages").hasSize(2);
	}

	@Test
	void theCloudEngineStopsForCreditsAcrossWorkersWithoutOverspending() throws Exception {
		int items = 6;
		FakeNemoServer fake = fakeNemo();
		// enough for two items' sessions and edits: the two workers together must not start a third edit
		int perItem = FakeNemoServer.SESSION_COST + FakeNemoServer.EDIT_COST;
		fake.balance.set(2 * perItem + perItem / 2);
		Job job = job(items);
		assertExit(cloudAcrossTwoWorkers(fake, job), 4);
		assertThat(fake.calls("POST", "/run_sse").stream().filter((call) -> call.status() == 200).count())
			.as("edits paid for").isLessThanOrEqualTo(2);
		assertThat(fake.balance.get()).as("balance").isNotNegative();
	}

	private static void assertExit(ChildJvm run, int code) throws InterruptedException {
		assertThat(run.awaitExit(RUN_LIMIT)).as("exit code; stdout: %s%nstderr: %s", run.stdout(), run.stderr())
			.isEqualTo(code);
	}

	/** The processes a kill -9 left running (ffmpeg) end on their own; the checks wait for them. */
	private void awaitOrphans() throws Exception {
		for (ProcessHandle orphan : this.orphans) {
			orphan.onExit().get(1, TimeUnit.MINUTES);
		}
	}

	private InProcessRun command(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("state-dir=" + this.dir.resolve("state-operator"));
		all.addAll(this.services.settings(this.database));
		return InProcessRun.of(all.toArray(String[]::new));
	}

	private List<String> nemoSettings(FakeNemoServer fake) {
		return List.of("engine=nemo", "--bgm.nemo.base-url=" + fake.url(), "--bgm.nemo.poll-interval=20ms",
				"--bgm.nemo.sse-drop-wait=5ms", "--bgm.nemo.backoff-initial=5ms", "--bgm.nemo.backoff-max=20ms",
				"--bgm.nemo.default-retry-after=20ms", "--bgm.nemo.credit-margin=0", "--bgm.nemo.read-timeout=10s",
				"--bgm.nemo.token=");
	}

	private ChildJvm worker(String name, List<String> extra) throws Exception {
		return worker(name, this.dir, pathWithCallLog(), extra);
	}

	private ChildJvm worker(String name) throws Exception {
		return worker(name, List.of());
	}

	/** A worker whose ffprobe waits at the gate (its first stage holds its item until the test opens it). */
	private ChildJvm gatedWorker(String name, ProbeGate gate, String... extra) throws Exception {
		return worker(name, this.dir, gate.environment().get("PATH").replace(System.getenv("PATH"), pathWithCallLog()),
				List.of(extra));
	}

	/**
	 * A worker started in the given folder: a manifest path under {@code /proc/self/cwd}
	 * leads into it, so machines that see different files can be played on one.
	 */
	private ChildJvm worker(String name, Path workDir, String path, List<String> extra) throws Exception {
		List<String> args = new ArrayList<>(List.of("worker", LEASE, "state-dir=" + this.dir.resolve("state-" + name)));
		if (extra.stream().noneMatch((arg) -> arg.startsWith("concurrency="))) {
			args.add("concurrency=1");
		}
		args.addAll(extra);
		args.addAll(this.services.settings(this.database));
		ChildJvm worker = ChildJvm.start(List.of("-XX:TieredStopAtLevel=1"), Map.of("PATH", path), workDir, args);
		this.children.add(worker);
		worker.awaitOutput("Worker serving", START_LIMIT);
		return worker;
	}

	private FakeNemoServer fakeNemo() throws IOException {
		FakeNemoServer fake = new FakeNemoServer(Files.createDirectories(this.dir.resolve("fake")));
		this.fakes.add(fake);
		return fake;
	}

	/** Two workers and a manager with two slots, all on the fake cloud service; returns the manager. */
	private ChildJvm cloudAcrossTwoWorkers(FakeNemoServer fake, Job job) throws Exception {
		List<String> nemo = nemoSettings(fake);
		worker("w1", nemo);
		worker("w2", nemo);
		List<String> managerArgs = new ArrayList<>(nemo);
		managerArgs.add("concurrency=2");
		return manager(job, managerArgs.toArray(String[]::new));
	}

	private ChildJvm manager(Job job, String... extra) throws IOException {
		List<String> args = new ArrayList<>(List.of("manifest=" + job.manifest(), "output=" + job.output(),
				"state-dir=" + this.dir.resolve("state-manager"), "distributed=true", LEASE));
		args.addAll(List.of(extra));
		args.addAll(this.services.settings(this.database));
		ChildJvm manager = ChildJvm.start(List.of("-XX:TieredStopAtLevel=1"), Map.of("PATH", pathWithCallLog()),
				this.dir, args);
		this.children.add(manager);
		return manager;
	}

	/** Every item delivered, its output valid, and each of its stages recorded exactly once. */
	private void assertDeliveredOnce(Job job) throws Exception {
		assertDeliveredOnce(job, ITEMS);
	}

	private void assertDeliveredOnce(Job job, int items) throws Exception {
		assertThat(delivered()).hasSize(items);
		for (int i = 0; i < items; i++) {
			Clips.assertValidOutput(job.output().resolve("out-" + i + ".mp4"), SECONDS);
		}
		for (Map.Entry<String, List<Map<String, String>>> log : stageLogs().entrySet()) {
			assertThat(log.getValue().stream().map((run) -> run.get("stage")).toList())
				.as("stages recorded for %s", log.getKey())
				.containsExactlyElementsOf(STAGES);
		}
		try (var files = Files.list(job.output())) {
			assertThat(files.map((f) -> f.getFileName().toString()))
				.as("no part or temp files")
				.allMatch((name) -> !name.endsWith(".part") && !name.startsWith("."));
		}
	}

	/**
	 * The engine's call log, written by an ffmpeg wrapper around the real one: no two runs
	 * writing the same file overlap in time (two workers never render one item at once).
	 */
	private void assertNoRenderOverlaps(Job job) throws IOException {
		Map<String, List<long[]>> runs = new TreeMap<>();
		Map<String, Long> started = new HashMap<>();
		for (String line : Files.readAllLines(callLog())) {
			String[] parts = line.split(" ", 4);
			String key = parts[1] + " " + parts[3];
			if (!parts[3].contains(job.output().toString())) {
				continue;
			}
			if (parts[0].equals("start")) {
				started.put(key, Long.parseLong(parts[2]));
			}
			else {
				runs.computeIfAbsent(parts[3], (file) -> new ArrayList<>())
					.add(new long[] { started.remove(key), Long.parseLong(parts[2]) });
			}
		}
		assertThat(runs).as("renders into the output folder").isNotEmpty();
		for (Map.Entry<String, List<long[]>> file : runs.entrySet()) {
			List<long[]> spans = new ArrayList<>(file.getValue());
			spans.sort((a, b) -> Long.compare(a[0], b[0]));
			for (int i = 1; i < spans.size(); i++) {
				assertThat(spans.get(i)[0]).as("a render of %s began while another still ran", file.getKey())
					.isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
			}
		}
	}

	private String pathWithCallLog() throws IOException {
		Path bin = this.dir.resolve("bin");
		if (!Files.exists(bin.resolve("ffmpeg"))) {
			Files.createDirectories(bin);
			Path wrapper = bin.resolve("ffmpeg");
			Files.writeString(wrapper, """
					#!/bin/sh
					log='%s'
					for last; do :; done
					echo "start $$ $(date +%%s%%N) $last" >> "$log"
					'%s' "$@"
					code=$?
					echo "end $$ $(date +%%s%%N) $last" >> "$log"
					exit $code
					""".formatted(callLog(), Tools.find("ffmpeg")));
			Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		return bin + ":" + System.getenv("PATH");
	}

	private Path callLog() {
		return this.dir.resolve("ffmpeg-calls.log");
	}

	private Set<String> delivered() throws SQLException {
		Set<String> ids = new TreeSet<>();
		query("SELECT ITEM_ID FROM BGM_ITEM WHERE STATUS = 'DELIVERED'", (rs) -> ids.add(rs.getString(1)));
		return ids;
	}

	private Map<String, List<Map<String, String>>> stageLogs() throws SQLException {
		Map<String, List<Map<String, String>>> logs = new TreeMap<>();
		ObjectMapper json = new ObjectMapper();
		query("SELECT ITEM_ID, STAGE_LOG FROM BGM_ITEM", (rs) -> {
			String text = rs.getString(2);
			try {
				logs.put(rs.getString(1), text == null ? List.of() : json.readValue(text, new TypeReference<>() {
				}));
			}
			catch (IOException ex) {
				throw new SQLException(ex);
			}
		});
		return logs;
	}

	/** The step executions the new workers ran, among those of the killed run (the first job execution). */
	private Set<Long> stepExecutionsRunBy(ChildJvm... workers) throws IOException {
		Set<Long> ran = new TreeSet<>();
		Set<Long> killedRun = new TreeSet<>();
		try {
			query("""
					SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID =
					  (SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION) AND STEP_NAME LIKE 'worker%'""",
					(rs) -> killedRun.add(rs.getLong(1)));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		String logs = workerLog("w3") + workerLog("w4");
		for (long id : killedRun) {
			if (logs.contains("runs slot step execution " + id + "\n")
					|| logs.contains("runs slot step execution " + id + "\r")) {
				ran.add(id);
			}
		}
		return ran;
	}

	private String workerLog(String name) throws IOException {
		Path log = this.dir.resolve("state-" + name).resolve("logs").resolve("bgm-batch.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	private static Set<String> workersOf(Map<String, List<Map<String, String>>> logs) {
		return logs.values().stream().flatMap(List::stream).map((run) -> run.get("worker")).collect(Collectors.toSet());
	}

	/** {@code host:pid} of a worker name {@code host:pid:lane}. */
	private static String process(String worker) {
		return worker.substring(0, worker.lastIndexOf(':'));
	}

	private static String process(ChildJvm child) {
		return WorkerHost.NAME + ":" + child.pid();
	}

	private static String renderSession(RecordedCall call) {
		try {
			return new ObjectMapper().readTree(call.body()).path("sessionId").asText();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private interface Row {

		void read(ResultSet rs) throws SQLException;

	}

	private void query(String sql, Row row) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.database, this.services.user(),
				this.services.password());
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				row.read(rs);
			}
		}
	}

	private Job job(int items) throws IOException {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), SECONDS, true);
		Path folder = Files.createDirectories(this.dir.resolve("job"));
		Path manifest = Clips.manifest(folder, clip, items, "add calm music at 30%");
		return new Job(manifest, folder.resolve("out"));
	}

	/**
	 * A job whose manifest names its videos under {@code /proc/self/cwd/media}: only a process
	 * started in the given folder (the manager, and workers started there) sees them.
	 */
	private Job jobSeenFrom(Path workDir, int items) throws IOException {
		Path clip = Clips.video(this.dir.resolve("source.mp4"), SECONDS, true);
		Clips.copies(clip, Files.createDirectories(workDir.resolve("media")), items);
		Path folder = Files.createDirectories(this.dir.resolve("job"));
		StringBuilder csv = new StringBuilder("video,instruction,output,id\n");
		for (int i = 0; i < items; i++) {
			csv.append(String.format("/proc/self/cwd/media/clip-%02d.mp4,add calm music at 30%%,out-%d.mp4,item-%d%n", i,
					i, i));
		}
		return new Job(Files.writeString(folder.resolve("videos.csv"), csv), folder.resolve("out"));
	}

	private record Job(Path manifest, Path output) {
	}

	/** The host name the workers put in their names, read as they read it. */
	private static final class WorkerHost {

		static final String NAME = new bgmbatch.job.WorkerIds().host();

	}

}
