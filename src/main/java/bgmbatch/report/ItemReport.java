package bgmbatch.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import bgmbatch.engine.Plan;
import bgmbatch.engine.SoundMeasurement;
import bgmbatch.engine.Stage;
import bgmbatch.engine.WorkItem;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.source.SourceUrl;

/**
 * One item as the reports show it.
 *
 * @param id the item's id
 * @param line the manifest line of its row
 * @param video the input
 * @param instruction the instruction
 * @param music the manifest's music file, or empty
 * @param status where it stands
 * @param stage the stage it reached (done when delivered)
 * @param reason why it was skipped or failed, or empty
 * @param plan the engine's plan as the ledger keeps it (no parts before the edit stage)
 * @param output the output file (only meaningful when delivered)
 * @param attempts failed attempts so far
 * @param credits credits spent on it
 * @param seconds seconds spent per stage, in stage order
 * @param videoSeconds the input's length when the engine measured it, else null
 * @param updatedAt when its ledger row last changed (for a delivered item: when it was delivered)
 * @param warnings what the plan warns about: words of the instruction not understood, changes
 * made to fit the video
 * @param notUnderstood the words of the instruction the engine made nothing of
 * @param targetLufs the loudness the output was made for, null when the engine did not measure its output
 * @param integratedLufs the output's measured integrated loudness, or null
 * @param truePeakDbtp the output's measured true peak, or null
 * @param loudnessRangeLu the output's measured loudness range, or null
 */
public record ItemReport(String id, long line, String video, String instruction, String music, ItemStatus status,
		Stage stage, String reason, Plan plan, String output, int attempts, int credits, Map<Stage, Double> seconds,
		Double videoSeconds, Instant updatedAt, List<String> warnings, List<String> notUnderstood, Double targetLufs,
		Double integratedLufs, Double truePeakDbtp, Double loudnessRangeLu) {

	private static final Plan NO_PLAN = new Plan(List.of(), List.of(), null);

	public ItemReport {
		seconds = seconds.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(seconds));
		warnings = List.copyOf(warnings);
		notUnderstood = List.copyOf(notUnderstood);
	}

	/** delivered, skipped, failed or pending. */
	public String result() {
		return this.status.name().toLowerCase(Locale.ROOT);
	}

	public boolean delivered() {
		return this.status == ItemStatus.DELIVERED;
	}

	/** Left without an output (skipped, failed, not reached), or delivered with words of its instruction not understood. */
	public boolean needsAttention() {
		return !delivered() || !this.notUnderstood.isEmpty();
	}

	public double totalSeconds() {
		return this.seconds.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	/** The plan as labels for people. */
	public PlanText planText() {
		return PlanText.of(this.plan);
	}

	static ItemReport of(LedgerItem item) {
		Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
		item.timings().forEach((name, value) -> {
			for (Stage stage : Stage.values()) {
				if (stage.stepName().equals(name)) {
					seconds.put(stage, value);
				}
			}
		});
		Plan plan = item.plan() == null ? NO_PLAN : item.plan();
		Optional<SoundMeasurement> sound = SoundMeasurement.from(item.handles());
		return new ItemReport(item.id(), item.line(), shown(item.handles().get(WorkItem.VIDEO_SOURCE), item.video()),
				item.instruction(), shown(item.handles().get(WorkItem.MUSIC_SOURCE), item.music()), item.status(),
				item.stage(),
				item.lastError() == null ? "" : item.lastError(), plan, item.output().toString(), item.attempts(),
				item.credits(), seconds, videoSeconds(item.handles().get(WorkItem.INPUT_DURATION)), item.updatedAt(),
				warnings(item, plan), lines(item.handles().get(WorkItem.NOT_UNDERSTOOD)),
				sound.map(SoundMeasurement::targetLufs).orElse(null),
				sound.map(SoundMeasurement::integratedLufs).orElse(null),
				sound.map(SoundMeasurement::truePeakDbtp).orElse(null),
				sound.map(SoundMeasurement::loudnessRangeLu).orElse(null));
	}

	/**
	 * The warnings the engine recorded, one per line of their handle; for an item planned
	 * before engines recorded them (an older ledger), those its plan lists.
	 */
	private static List<String> warnings(LedgerItem item, Plan plan) {
		String recorded = item.handles().get(WorkItem.WARNINGS);
		return recorded != null ? lines(recorded) : PlanText.of(plan).warnings();
	}

	private static List<String> lines(String handle) {
		return handle == null || handle.isEmpty() ? List.of() : List.of(handle.split("\n"));
	}

	private static Double videoSeconds(String recorded) {
		if (recorded == null) {
			return null;
		}
		try {
			double seconds = Double.parseDouble(recorded);
			return seconds > 0 && Double.isFinite(seconds) ? seconds : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** An input as a person reads it: a file's path, or an address without its secrets. */
	private static String shown(String address, Path file) {
		if (address != null) {
			return SourceUrl.mask(address);
		}
		return file == null ? "" : file.toString();
	}

}
