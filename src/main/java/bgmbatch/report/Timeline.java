package bgmbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import bgmbatch.engine.Stage;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.ledger.StageRun;

/**
 * The spans of a job's items, sorted into one row per worker, for the timeline of each run.
 * Bounded: a job of any size draws at most {@link #MAX_SPANS} spans.
 */
final class Timeline {

	static final int MAX_SPANS = 60_000;

	/**
	 * Rows for items without a known worker: estimated starts can overlap more than the
	 * workers ever did, and past this many rows an item shares the row that frees first.
	 */
	static final int MAX_ROWS = 16;

	private final List<Span> spans;

	private final boolean estimated;

	private Timeline(List<Span> spans, boolean estimated) {
		this.spans = spans;
		this.estimated = estimated;
	}

	/**
	 * Gathers the spans item by item while the report passes over the ledger. An item's row
	 * keeps its stage log (which worker ran each stage, from when to when): those are the
	 * spans. A row written before the ledger kept that log has only the seconds each stage
	 * took and when the row last changed: its stages are then laid end to end, ending at
	 * that change, on no known worker ({@link #rows} gives each such item the first free
	 * row), and the page says the timeline is estimated.
	 */
	static final class Collector {

		private final List<Span> spans = new ArrayList<>();

		private boolean estimated;

		void add(LedgerItem item) {
			if (this.spans.size() >= MAX_SPANS) {
				return;
			}
			if (!item.stageLog().isEmpty()) {
				for (StageRun run : item.stageLog()) {
					this.spans.add(new Span(run.worker(), item.id(), run.stage(), run.started(), run.finished(),
							item.status()));
				}
			}
			else if (!item.timings().isEmpty()) {
				this.spans.addAll(estimate(item));
				this.estimated = true;
			}
		}

		Timeline timeline() {
			return new Timeline(List.copyOf(this.spans), this.estimated);
		}

	}

	static Timeline of(List<Span> spans, boolean estimated) {
		return new Timeline(List.copyOf(spans), estimated);
	}

	/** An item's stages end to end, the last ending when its ledger row last changed. */
	static List<Span> estimate(LedgerItem item) {
		List<Span> spans = new ArrayList<>();
		Instant end = item.updatedAt();
		List<Stage> stages = new ArrayList<>(ReportWriter.TIMED);
		java.util.Collections.reverse(stages);
		for (Stage stage : stages) {
			Double seconds = item.timings().get(stage.stepName());
			if (seconds == null) {
				continue;
			}
			Instant start = end.minus(Duration.ofMillis(Math.round(seconds * 1000)));
			spans.add(0, new Span(null, item.id(), stage, start, end, item.status()));
			end = start;
		}
		return spans;
	}

	boolean estimated() {
		return this.estimated;
	}

	boolean isEmpty() {
		return this.spans.isEmpty();
	}

	/** The spans that ended within a run, clipped to it. */
	List<Span> within(JobFacts.Run run) {
		Instant from = run.started();
		// the report is written after the run's last item: allow for the clock between them
		Instant to = run.finished().plusSeconds(1);
		List<Span> inside = new ArrayList<>();
		for (Span span : this.spans) {
			if (!span.end().isBefore(from) && !span.end().isAfter(to)) {
				inside.add(span.start().isBefore(from) ? new Span(span.worker(), span.item(), span.stage(), from,
						span.end(), span.result()) : span);
			}
		}
		return inside;
	}

	/**
	 * One row per worker, in the workers' order. Spans without a worker are grouped by item
	 * and each item goes to the first row that is free when it starts, so the rows show how
	 * many items were under way at once.
	 */
	static Map<String, List<Span>> rows(List<Span> spans) {
		Map<String, List<Span>> workers = new TreeMap<>(Timeline::byWorker);
		Map<String, List<Span>> unassigned = new LinkedHashMap<>();
		for (Span span : spans) {
			if (span.worker() != null) {
				workers.computeIfAbsent(span.worker(), (w) -> new ArrayList<>()).add(span);
			}
			else {
				unassigned.computeIfAbsent(span.item(), (i) -> new ArrayList<>()).add(span);
			}
		}
		Map<String, List<Span>> rows = new LinkedHashMap<>(workers);
		List<List<Span>> items = new ArrayList<>(unassigned.values());
		items.sort(Comparator.comparing((List<Span> item) -> item.get(0).start()));
		// slots by the time they are free, earliest first; a new slot only while all are busy
		PriorityQueue<Slot> free = new PriorityQueue<>(Comparator.comparing(Slot::freeAt).thenComparing(Slot::index));
		Map<Integer, List<Span>> slots = new TreeMap<>();
		for (List<Span> item : items) {
			Instant start = item.get(0).start();
			Instant end = item.get(item.size() - 1).end();
			Slot earliest = free.peek();
			int slot;
			if (earliest != null && (!earliest.freeAt().isAfter(start) || slots.size() >= MAX_ROWS)) {
				slot = free.poll().index();
			}
			else {
				slot = slots.size();
			}
			free.add(new Slot(slot, end));
			slots.computeIfAbsent(slot, (s) -> new ArrayList<>()).addAll(item);
		}
		slots.forEach((slot, row) -> rows.put("slot " + (slot + 1), row));
		return rows;
	}

	/** {@code host:pid:slot} in order of process, then of slot as a number (slot 2 before slot 10). */
	static int byWorker(String a, String b) {
		int cut = a.lastIndexOf(':');
		int otherCut = b.lastIndexOf(':');
		if (cut > 0 && otherCut > 0 && a.substring(0, cut).equals(b.substring(0, otherCut))) {
			try {
				return Integer.compare(Integer.parseInt(a.substring(cut + 1)), Integer.parseInt(b.substring(otherCut + 1)));
			}
			catch (NumberFormatException ex) {
				// not a slot number: the names' own order
			}
		}
		return a.compareTo(b);
	}

	/**
	 * What a row is called on the page: {@code worker 2} when the run had one process (the
	 * usual night), else the whole {@code host:pid:slot}.
	 */
	static Map<String, String> labels(Iterable<String> rows) {
		Map<String, String> labels = new LinkedHashMap<>();
		java.util.Set<String> processes = new java.util.HashSet<>();
		for (String row : rows) {
			int cut = row.lastIndexOf(':');
			processes.add(cut > 0 ? row.substring(0, cut) : row);
		}
		for (String row : rows) {
			int cut = row.lastIndexOf(':');
			labels.put(row, processes.size() == 1 && cut > 0 ? "worker " + row.substring(cut + 1) : row);
		}
		return labels;
	}

	private record Slot(int index, Instant freeAt) {

	}

}
