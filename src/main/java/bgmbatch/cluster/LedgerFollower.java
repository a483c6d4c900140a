package bgmbatch.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import bgmbatch.engine.Stage;
import bgmbatch.engine.StageWords;
import bgmbatch.job.JobParams;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.progress.ProgressDisplay;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The manager's progress display, fed from the shared ledger while its {@code work} step
 * waits: the workers run on other machines, so the manager follows what they commit, the
 * stage each held item is at, and each item delivered, skipped or failed, with the same
 * display a one-machine run shows. It reads the items held now and those that ended lately
 * (not the whole job) once a period; a stage shorter than a period may go unseen, an
 * item's end never does. The items already finished when the step starts (an earlier
 * run's) are counted by the display's start, not shown again.
 */
final class LedgerFollower implements StepExecutionListener {

	/**
	 * How far back changes are read: an item's change time is the clock of the worker
	 * that wrote it, so this must exceed any difference between the machines' clocks.
	 */
	static final Duration LOOK_BACK = Duration.ofMinutes(2);

	private static final Log logger = LogFactory.getLog(LedgerFollower.class);

	private final Ledger ledger;

	private final ProgressDisplay display;

	private final StageWords words;

	private final Duration period;

	private final Clock clock;

	/** What the display was told of each item held or ended lately. */
	private final Map<String, Shown> shown = new HashMap<>();

	private ScheduledExecutorService timer;

	private record Shown(ItemStatus status, Stage stage, boolean held) {
	}

	LedgerFollower(Ledger ledger, ProgressDisplay display, StageWords words, Duration period, Clock clock) {
		this.ledger = ledger;
		this.display = display;
		this.words = words;
		this.period = period;
		this.clock = clock;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String jobKey = JobParams.of(stepExecution.getJobParameters()).jobKey();
		look(jobKey, false);
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ledger-follower");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(() -> look(jobKey, true), this.period.toMillis(), this.period.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
		// the last items' ends, before the summary
		look(JobParams.of(stepExecution.getJobParameters()).jobKey(), true);
		return null;
	}

	/**
	 * Tells the display what changed since the last look.
	 * @param tell false for the first look: items already finished are remembered, not shown
	 */
	private synchronized void look(String jobKey, boolean tell) {
		try {
			Set<String> seen = new HashSet<>();
			this.ledger.forEachHeldOrEndedSince(jobKey, this.clock.instant().minus(LOOK_BACK), (item) -> {
				seen.add(item.id());
				follow(item, tell);
			});
			// held at the last look, neither held nor ended now: let go (a lost lease, a slot handed back)
			for (Iterator<Map.Entry<String, Shown>> it = this.shown.entrySet().iterator(); it.hasNext();) {
				Map.Entry<String, Shown> entry = it.next();
				if (!seen.contains(entry.getKey())) {
					if (entry.getValue().held()) {
						this.display.stageFinished(entry.getKey());
					}
					it.remove();
				}
			}
		}
		catch (RuntimeException ex) {
			// the next look tries again
			logger.warn("cannot follow the workers' progress: " + ex.getMessage());
		}
	}

	private void follow(LedgerItem item, boolean tell) {
		String id = item.id();
		Shown before = this.shown.get(id);
		boolean held = item.status() == ItemStatus.PENDING && item.claimedBy() != null;
		Shown now = new Shown(item.status(), item.stage(), held);
		if (now.equals(before)) {
			return;
		}
		this.shown.put(id, now);
		if (before != null && before.held()) {
			this.display.stageFinished(id);
		}
		switch (item.status()) {
			case PENDING -> {
				if (held) {
					this.display.stageStarted(id, this.words.of(item.stage()));
				}
			}
			case DELIVERED -> {
				if (tell) {
					double seconds = item.timings().values().stream().mapToDouble(Double::doubleValue).sum();
					this.display.delivered(id, item.output().getFileName().toString(), seconds);
				}
			}
			case SKIPPED, FAILED -> {
				if (tell) {
					this.display.leftBehind(id, this.words.of(item.stage()), item.status() == ItemStatus.SKIPPED,
							item.lastError() == null ? "" : item.lastError());
				}
			}
		}
	}

}
