package bgmbatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import bgmbatch.live.LiveSnapshot;

/**
 * {@code status} of a run in progress, from the snapshot the run publishes: every item
 * with its state, stage, the worker holding it, its time in that stage, and when it and
 * the job should be done.
 */
final class LiveStatusView {

	private final Instant now;

	LiveStatusView(Instant now) {
		this.now = now;
	}

	void print(LiveSnapshot run, PrintStream out) {
		out.printf("Manifest:  %s%n", run.manifest());
		out.printf("Run:       execution %d, running in process %d%n", run.execution(), run.pid());
		out.printf("Started:   %s%n", time(run.started()));
		out.printf("Seen:      %s (the run publishes its status every second)%n", time(run.updated()));
		Map<String, Integer> states = new TreeMap<>();
		run.items().forEach((item) -> states.merge(item.state(), 1, Integer::sum));
		out.printf("Items:     %d delivered, %d skipped, %d failed, %d working, %d waiting (of %d)%n", run.delivered(),
				run.skipped(), run.failed(), states.getOrDefault("working", 0), states.getOrDefault("waiting", 0),
				run.total());
		out.printf("Done by:   %s%n", run.eta() == null ? "not known until an item is delivered" : time(run.eta()));
		out.printf("  %-20s %-10s %-14s %-24s %-9s %s%n", "ID", "STATE", "STAGE", "WORKER", "IN STAGE", "ETA");
		for (LiveSnapshot.Item item : run.items()) {
			String inStage = item.since() == null ? ""
					: RunWords.duration(Duration.between(Instant.parse(item.since()), this.now));
			String eta = item.eta() != null ? time(item.eta()) : "working".equals(item.state()) ? "-" : "";
			String reason = item.reason() == null ? "" : "  " + item.reason().lines().findFirst().orElse("");
			out.println("  %-20s %-10s %-14s %-24s %-9s %s%s".formatted(item.id(), item.state(), item.stage(),
					item.worker() == null ? "" : item.worker(), inStage, eta, reason).stripTrailing());
		}
	}

	private static String time(String instant) {
		return RunWords.time(Instant.parse(instant));
	}

}
