package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bgmbatch.engine.nemo.fake.FakeNemoServer;

import static bgmbench.Numbers.seconds;

/**
 * Section 5 ({@code memory}): a 500 MB video through the cloud engine with the job at
 * {@code -Xmx64m}: the upload is streamed, so it must be accepted; the peak heap comes
 * from the GC log, the peak RSS from {@code /proc}.
 */
final class MemorySection {

	private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final Bench b;

	private final Table table;

	MemorySection(Bench bench) {
		this.b = bench;
		this.table = bench.table();
	}

	void run() throws IOException {
		Path folder = this.b.work().resolve("cloud");
		Numbers.deleteTree(folder);
		try (FakeNemoServer fake = new FakeNemoServer(Files.createDirectories(folder.resolve("server-memory")))) {
			measure(fake);
		}
		Numbers.deleteTree(folder);
	}

	private void measure(FakeNemoServer fake) throws IOException {
		fake.balance.set(1_000_000);
		Path big = this.b.inputs().big;
		long size = Files.size(big);
		System.out.println("[5] memory: a " + size / 1_000_000 + " MB video through the cloud engine at -Xmx64m");
		Path dir = this.b.work().resolve("runs/memory");
		Numbers.deleteTree(dir);
		Files.createDirectories(dir);
		Path manifest = this.b.manifest("memory", List.of(big), null, Expert.INSTRUCTION);
		Path gcLog = dir.resolve("gc.log");
		List<String> command = new ArrayList<>(this.b.launchers().runSh());
		command.addAll(1, List.of("-Xmx64m", "-Xlog:gc:file=" + gcLog));
		command.addAll(List.of("manifest=" + manifest, "output=" + dir.resolve("out"), "state-dir=" + dir.resolve("state"),
				"engine=nemo", "concurrency=1"));
		command.addAll(fake.jobArguments(Map.of("poll-interval", "200ms")));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("console.txt").toFile());
		long start = System.nanoTime();
		Process process = builder.start();
		long peakRss = 0;
		Path status = Path.of("/proc/" + process.pid() + "/status");
		try {
			while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
				peakRss = Math.max(peakRss, highWaterMark(status));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		double wall = (System.nanoTime() - start) / 1e9;
		boolean uploaded = fake.calls("POST", "/api/upload-video/").stream().anyMatch((c) -> c.status() == 200);
		boolean delivered = process.exitValue() == 0;
		double peakHeap = 0;
		Matcher heap = HEAP.matcher(Files.readString(gcLog));
		while (heap.find()) {
			peakHeap = Math.max(peakHeap, Double.parseDouble(heap.group(1)));
		}
		String console = Files.readString(dir.resolve("console.txt"));
		this.table.row("5", size / 1_000_000 + " MB upload at -Xmx64m: peak heap / 64 MB limit",
				String.format(Locale.ROOT, "%.0f MB heap, %.0f MB RSS", peakHeap, peakRss / 1024.0), "64 MB",
				peakHeap / 64, "succeeds", uploaded);
		this.table.note(String.format(Locale.ROOT,
				"5: upload %s, job exit code %d (%s) in %s; peak heap = the largest heap before a GC in the GC log;"
						+ " RSS = the process's VmHWM, read every 100 ms.",
				uploaded ? "accepted by the server" : "NOT accepted", process.exitValue(),
				delivered ? "delivered" : "not delivered: " + lastLine(console), seconds(wall)));
		Numbers.deleteTree(dir);
	}

	static long highWaterMark(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			// the process has just ended
		}
		return 0;
	}

	static String lastLine(String text) {
		String[] lines = text.strip().split("\\R");
		return lines[lines.length - 1];
	}

}
