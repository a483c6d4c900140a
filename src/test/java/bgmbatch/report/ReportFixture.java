package bgmbatch.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.Plan;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.support.MemoryLedger;

/** A ledger in memory and the items and job facts the report tests put in it. */
final class ReportFixture {

	static final String JOB = "/night/videos.csv#0123456789abcdef";

	/** A night run and a morning rerun, in a zone an hour east of UTC. */
	static final ZoneId ZONE = ZoneId.of("Europe/Paris");

	static final Instant NIGHT = Instant.parse("2026-11-29T01:00:01Z");

	static final Instant NIGHT_END = Instant.parse("2026-11-29T01:41:00Z");

	static final Instant MORNING = Instant.parse("2026-11-29T07:12:30Z");

	static final Instant MORNING_END = Instant.parse("2026-11-29T07:12:40Z");

	static final Clock CLOCK = Clock.fixed(MORNING_END, ZONE);

	private ReportFixture() {
	}

	static Ledger ledger() {
		return MemoryLedger.create();
	}

	/** The item with the words of its instruction not understood, as the local engine records them. */
	static LedgerItem notUnderstood(LedgerItem item, String... words) {
		Map<String, String> handles = new java.util.HashMap<>(item.handles());
		handles.put(WorkItem.NOT_UNDERSTOOD, String.join("\n", words));
		handles.put(WorkItem.WARNINGS, "not understood: "
				+ String.join(", ", java.util.Arrays.stream(words).map((w) -> "\"" + w + "\"").toList()));
		return new LedgerItem(item.jobKey(), item.id(), item.seq(), item.line(), item.video(), item.fingerprint(),
				item.instruction(), item.music(), item.output(), item.stage(), item.status(), item.plan(), handles,
				item.timings(), item.attempts(), item.lastError(), item.credits(), item.updatedAt(), item.claimedBy(),
				item.stageLog());
	}

	/** A job that ran twice: a night that failed, a morning rerun that finished with a skipped item (exit 3). */
	static JobFacts twoRuns() {
		return new JobFacts("/night/videos.csv", "local", "Job finished.", "COMPLETED", 3,
				"finished, but some items were skipped (the report says why)",
				List.of(new JobFacts.Run(7, NIGHT, NIGHT_END, "FAILED"), new JobFacts.Run(9, MORNING, MORNING_END,
						"COMPLETED")),
				new StageWords("probing", "planning", "measuring", "rendering", "delivering"));
	}

	/**
	 * Delivered a minute into the night, after 3.15 s of work on a 6 s video, with its plan
	 * as an older version kept it: one line.
	 */
	static LedgerItem delivered(int seq, String id, Path input, Path output, String plan) {
		return delivered(seq, id, input, output, Plan.line(plan));
	}

	/** Delivered a minute into the night, after 3.15 s of work on a 6 s video. */
	static LedgerItem delivered(int seq, String id, Path input, Path output, Plan plan) {
		return new LedgerItem(JOB, id, seq, seq + 1, input, "f", "add calm music", null, output, Stage.DONE,
				ItemStatus.DELIVERED, plan, Map.of(WorkItem.INPUT_DURATION, "6.0"),
				Map.of("upload", 0.5, "edit", 1.25, "verify", 0.3, "export", 0.9, "download", 0.2), 0, null, 7,
				NIGHT.plusSeconds(60 + seq), null, null);
	}

	static LedgerItem skipped(int seq, String id, Path input, String instruction, String reason) {
		return new LedgerItem(JOB, id, seq, seq + 1, input, null, instruction, null,
				input.resolveSibling(id + "-out.mp4"), Stage.UPLOAD, ItemStatus.SKIPPED, null, null, null, 0, reason, 0,
				NIGHT.plusSeconds(5), null, null);
	}

	static LedgerItem failed(int seq, String id, Path input, String reason) {
		return new LedgerItem(JOB, id, seq, seq + 1, input, "f", "add upbeat music", null,
				input.resolveSibling(id + "-out.mp4"), Stage.EXPORT, ItemStatus.FAILED,
				Plan.line("music=built-in/upbeat (mood upbeat)"), null, Map.of("upload", 0.4, "edit", 0.2, "verify", 0.3), 1,
				reason, 0, MORNING.plusSeconds(4), null, null);
	}

}
