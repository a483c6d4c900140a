package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import bgmbatch.engine.nemo.fake.FakeNemoServer;

import static bgmbench.Numbers.median;
import static bgmbench.Numbers.runs;
import static bgmbench.Numbers.seconds;

/**
 * Section 4 ({@code cloud}): items through the fake NemoVideo server with realistic
 * latencies, at several concurrencies, against the ideal bound, and against one
 * single-item run per video (what one call of a public CLI per video does).
 */
final class CloudSection {

	/** A realistic upload link: 10 MB/s. */
	static final long UPLOAD_BYTES_PER_SECOND = 10_000_000;

	static final long EDIT_MILLIS = 3000;

	static final long RENDER_MILLIS = 6000;

	/** Polls of a render, scaled to it: a 6 s render is polled every second. */
	static final long POLL_MILLIS = 1000;

	private final Bench b;

	private final Table table;

	private final Path small;

	CloudSection(Bench bench) {
		this.b = bench;
		this.table = bench.table();
		this.small = bench.inputs().small;
	}

	void run() throws IOException {
		Path folder = this.b.work().resolve("cloud");
		Numbers.deleteTree(folder);
		try (FakeNemoServer fake = new FakeNemoServer(Files.createDirectories(folder.resolve("server-batch")))) {
			batch(fake);
		}
		Numbers.deleteTree(folder);
	}

	private void batch(FakeNemoServer fake) throws IOException {
		// quick mode shrinks every latency to a quarter, and says so
		double scale = this.b.mode().pick(1.0, 0.25, 0.05);
		long edit = (long) (EDIT_MILLIS * scale);
		long render = (long) (RENDER_MILLIS * scale);
		long poll = (long) (POLL_MILLIS * scale);
		fake.balance.set(1_000_000);
		fake.uploadBytesPerSecond = (long) (UPLOAD_BYTES_PER_SECOND / scale);
		fake.editMillis = edit;
		fake.heartbeatMillis = Math.max(1, edit / 3);
		fake.renderMillis = render;
		long size = Files.size(this.small);
		double upload = size / (double) fake.uploadBytesPerSecond;
		double latency = upload + edit / 1000.0 + render / 1000.0;
		List<String> settings = new ArrayList<>(List.of("engine=nemo"));
		settings.addAll(fake.jobArguments(Map.of("poll-interval", poll + "ms")));

		int singles = 1;
		System.out.println("[4] cloud: one item alone, x" + singles + " (the unit of the one-at-a-time baseline)");
		List<Double> alone = new ArrayList<>();
		Path one = this.b.manifest("cloud-1", List.of(this.small), null, Expert.INSTRUCTION);
		for (int i = 0; i < singles; i++) {
			alone.add(this.b.ourJob().run("cloud-1", this.b.launchers().runSh(), one, withConcurrency(settings, 1)).wall());
		}
		this.b.progress("runs: " + runs(alone) + " s");
		int total = this.b.mode().pick(40, 16, 2);
		double sequential = total * median(alone);

		Map<Integer, Integer> itemsAt = new LinkedHashMap<>();
		itemsAt.put(8, total);
		if (this.b.mode().full()) {
			itemsAt.put(4, total);
		}
		// 40 items one at a time would take 40 x 9 s: the concurrency-1 run uses fewer items (its ratio to
		// the ideal does not depend on the count)
		itemsAt.put(1, this.b.mode().pick(4, 2, 1));
		String id = "4a";
		for (Map.Entry<Integer, Integer> run : itemsAt.entrySet()) {
			int concurrency = run.getKey();
			int n = run.getValue();
			System.out.println("[4] cloud: " + n + " items at concurrency " + concurrency);
			Path manifest = this.b.manifest("cloud-" + n, Collections.nCopies(n, this.small), null, Expert.INSTRUCTION);
			OurJob.Times job = this.b.ourJob().run("cloud-c" + concurrency, this.b.launchers().runSh(), manifest,
					withConcurrency(settings, concurrency));
			this.b.progress(seconds(job.wall()) + " " + job.steps());
			double ideal = Math.ceil(n / (double) concurrency) * latency;
			this.table.row(id, n + " cloud items at concurrency " + concurrency + " (JVM included) / ideal bound",
					seconds(job.wall()), seconds(ideal) + " ideal", job.wall() / ideal, concurrency == 8 ? "<= 1.15" : "-",
					concurrency == 8 ? job.wall() / ideal <= 1.15 : null);
			if (concurrency == 8) {
				double start = job.toFirstItem() == null ? 0 : job.toFirstItem();
				this.table.limit(id, String.format(Locale.ROOT, "start-up to the first item %s, steps %s %s, the rest"
						+ " (reports, shutdown) %s. A render is seen done at the next poll (every %d ms), and the"
						+ " JVM's start-up is not in the ideal bound.", seconds(job.toFirstItem()),
						seconds(job.stepsTotal()), job.steps(), seconds(job.wall() - job.stepsTotal() - start), poll));
				this.table.row("4d", n + " cloud items at concurrency 8 / one at a time (public CLI style)",
						seconds(job.wall()), seconds(sequential) + " seq.", job.wall() / sequential, "-", null);
			}
			id = id.equals("4a") ? "4b" : "4c";
		}
		varying(fake, settings, total, upload + edit / 1000.0, scale);
		this.table.note(String.format(Locale.ROOT,
				"4: fake NemoVideo server with upload at %.0f MB/s, edit stream %.2f s with heartbeats, render %.2f s"
						+ " after submission, polls every %d ms%s; one item's latency %s (upload of %.1f MB + edit +"
						+ " render); ideal = ceil(items / concurrency) x that. The one-at-a-time baseline = %d x the"
						+ " median of %d single-item runs with their JVM (%s), as one CLI call per video does. The"
						+ " concurrency-1 run used %d items, not %d, to stay within the time budget.",
				fake.uploadBytesPerSecond / 1e6, edit / 1000.0, render / 1000.0, poll,
				scale == 1.0 ? "" : String.format(Locale.ROOT, " (every latency x%.2f in this mode)", scale),
				seconds(latency), size / 1e6, total, singles, runs(alone) + " s", itemsAt.get(1), total));
	}

	/**
	 * Items whose renders take different times (2 to 12 s, seeded), at concurrency 8,
	 * against the ideal bound: the sum of the items' latencies spread over 8 workers, or
	 * the longest item, whichever is larger. A job that waited for its slowest item at
	 * every stage, or gave each worker its items in advance, would sit idle.
	 */
	private void varying(FakeNemoServer fake, List<String> settings, int n, double beforeRender, double scale) {
		int concurrency = 8;
		Random random = new Random(10);
		List<Long> renders = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			renders.add((long) ((2000 + random.nextInt(10_001)) * scale));
		}
		fake.renderMillisEach.clear();
		fake.renderMillisEach.addAll(renders);
		double sum = renders.stream().mapToDouble((ms) -> beforeRender + ms / 1000.0).sum();
		double longest = renders.stream().mapToDouble((ms) -> beforeRender + ms / 1000.0).max().orElse(0);
		double ideal = Math.max(sum / concurrency, longest);
		System.out.println("[4] cloud: " + n + " items with renders of " + seconds(2 * scale) + " to "
				+ seconds(12 * scale) + " at concurrency " + concurrency);
		Path manifest = this.b.manifest("cloud-varying-" + n, Collections.nCopies(n, this.small), null,
				Expert.INSTRUCTION);
		OurJob.Times job = this.b.ourJob().run("cloud-varying", this.b.launchers().runSh(), manifest,
				withConcurrency(settings, concurrency));
		this.b.progress(seconds(job.wall()) + " " + job.steps());
		double ratio = job.wall() / ideal;
		this.table.row("4e", n + " cloud items, renders " + seconds(2 * scale) + "-" + seconds(12 * scale)
				+ ", at concurrency 8 (JVM included) / ideal bound", seconds(job.wall()), seconds(ideal) + " ideal", ratio,
				"<= 1.10", ratio <= 1.10);
		this.table.note(String.format(Locale.ROOT, "4e: renders drawn from a seeded generator and handed out in"
				+ " the order renders are submitted; each item's latency = %s (upload + edit) + its render; ideal"
				+ " = max(sum of latencies / 8, longest item) = max(%s, %s).", seconds(beforeRender),
				seconds(sum / concurrency), seconds(longest)));
		this.table.limit("4e", String.format(Locale.ROOT, "start-up to the first item %s is not in the ideal bound;"
				+ " each render is seen done at the next poll, up to a poll interval late; the last items to start"
				+ " decide the end.", seconds(job.toFirstItem())));
	}

	static List<String> withConcurrency(List<String> settings, int concurrency) {
		List<String> all = new ArrayList<>(settings);
		all.add("concurrency=" + concurrency);
		return all;
	}

}
