package bgmbatch.job;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.WorkItem;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestRow;
import bgmbatch.manifest.ManifestSource;
import bgmbatch.media.MediaProbe;
import bgmbatch.media.UnreadableMediaException;

/**
 * {@code dry-run=true}: checks every row's files as a run would (there, readable, of a
 * type we take, readable by ffprobe) and shows what each usable item would do and cost,
 * touching neither the ledger nor the service's paid calls. Exit 0 when the run could go
 * ahead, 3 when some rows would be skipped, 4 when the engine says it could not (not
 * enough credits), so a script can check before a night run.
 */
final class DryRun {

	/**
	 * Rows checked at once. The checks are file-system calls and ffprobe runs, which wait
	 * more than they compute (a network share), so they run on more threads than cores;
	 * rows are printed in manifest order, a batch at a time.
	 */
	private static final int BATCH = 256;

	private final EditingEngine engine;

	private final PrintStream console;

	private final InputCheck inputs;

	private final MediaProbe probe;

	DryRun(EditingEngine engine, PrintStream console, InputCheck inputs, MediaProbe probe) {
		this.engine = engine;
		this.console = console;
		this.inputs = inputs;
		this.probe = probe;
	}

	ExitCode run(ManifestSource source, Path output, boolean keepContainer, String jobKey) {
		this.console.println("Dry run of " + source.path() + ": nothing is sent, nothing is spent.");
		AtomicInteger skipped = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
		try (ManifestReader.Cursor cursor = new ManifestReader(source, output, keepContainer).open()) {
			Stream<WorkItem> usable = StreamSupport
				.stream(Spliterators.spliteratorUnknownSize(new Checked(cursor, pool), Spliterator.ORDERED), false)
				.flatMap((batch) -> batch.stream().filter((checked) -> {
					if (checked.problem() == null) {
						return true;
					}
					skipped.incrementAndGet();
					this.console.printf("  %s: would be skipped: %s%n", checked.row().id(), checked.problem());
					return false;
				}))
				.map((checked) -> ManifestItems.item(checked.row(), jobKey));
			boolean canGoAhead = this.engine.dryRun(usable, this.console);
			if (skipped.get() > 0) {
				this.console.printf("Dry run: %d row(s) would be skipped (see above).%n", skipped.get());
			}
			return !canGoAhead ? ExitCode.HALTED : skipped.get() > 0 ? ExitCode.SKIPPED : ExitCode.OK;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Why a run would skip the row, or null. */
	private String problem(ManifestRow row) {
		String problem = this.inputs.problem(row.video(), row.music(), row.videoUrl(), row.musicUrl());
		if (problem != null) {
			return problem;
		}
		try {
			if (row.videoUrl() == null && this.probe.probe(row.video()).videoStreams().isEmpty()) {
				return "the video " + row.video() + " has no video stream";
			}
			if (row.music() != null && row.musicUrl() == null && this.probe.probe(row.music()).audioStreams().isEmpty()) {
				return "the music file " + row.music() + " has no sound";
			}
		}
		catch (UnreadableMediaException ex) {
			return ex.getMessage();
		}
		return null;
	}

	private record CheckedRow(ManifestRow row, String problem) {
	}

	/** The manifest's rows, a batch at a time, each batch checked on the pool. */
	private final class Checked implements Iterator<List<CheckedRow>> {

		private final ManifestReader.Cursor cursor;

		private final ExecutorService pool;

		private ManifestRow next;

		Checked(ManifestReader.Cursor cursor, ExecutorService pool) {
			this.cursor = cursor;
			this.pool = pool;
			this.next = cursor.next();
		}

		@Override
		public boolean hasNext() {
			return this.next != null;
		}

		@Override
		public List<CheckedRow> next() {
			if (this.next == null) {
				throw new NoSuchElementException();
			}
			List<CompletableFuture<CheckedRow>> batch = new ArrayList<>(BATCH);
			while (this.next != null && batch.size() < BATCH) {
				ManifestRow row = this.next;
				batch.add(CompletableFuture.supplyAsync(() -> new CheckedRow(row, problem(row)), this.pool));
				this.next = this.cursor.next();
			}
			return batch.stream().map(CompletableFuture::join).toList();
		}

	}

}
