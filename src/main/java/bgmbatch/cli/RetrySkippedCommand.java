package bgmbatch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import bgmbatch.engine.Stage;
import bgmbatch.job.ExitCode;
import bgmbatch.job.JobParams;
import bgmbatch.ledger.ItemStatus;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;
import bgmbatch.media.UnreadableMediaException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code retry-skipped manifest=FILE}: puts skipped items back in the queue when the
 * reason they were skipped for is gone, e.g. a missing video that is now in place. Only
 * items skipped on their way in (stage upload) qualify, and only once their files pass the
 * checks again: an item the engine rejected later (say, for its instruction) would be
 * rejected again, possibly after spending credits, so it needs a changed manifest row
 * instead. The next run of the manifest then works on the re-queued items.
 */
final class RetrySkippedCommand implements ManifestCommand {

	private final JobRepository repository;

	private final Ledger ledger;

	private final MediaProbe probe;

	private final Path manifest;

	RetrySkippedCommand(Path manifest, JobRepository repository, Ledger ledger, MediaProbe probe) {
		this.manifest = manifest;
		this.repository = repository;
		this.ledger = ledger;
		this.probe = probe;
	}

	@Override
	public ExitCode run(PrintStream out) {
		Optional<JobExecution> latest = LatestExecution.of(this.repository, this.manifest);
		if (latest.isEmpty()) {
			out.println("No run of this manifest has started yet; nothing was skipped.");
			return ExitCode.OK;
		}
		JobParams params = JobParams.of(latest.get().getJobParameters());
		List<LedgerItem> skipped = new ArrayList<>();
		this.ledger.forEach(params.jobKey(), (item) -> {
			if (item.status() == ItemStatus.SKIPPED) {
				skipped.add(item);
			}
		});
		int requeued = 0;
		for (LedgerItem item : skipped) {
			Optional<String> still = stillFailing(item);
			if (still.isPresent()) {
				out.printf("  still skipped  %s: %s%n", item.id(), still.get());
				continue;
			}
			if (this.ledger.requeueSkipped(item.jobKey(), item.id())) {
				requeued++;
				out.printf("  re-queued      %s (was: %s)%n", item.id(), item.lastError());
			}
		}
		if (skipped.isEmpty()) {
			out.println("No skipped items.");
		}
		else if (requeued > 0) {
			out.printf("%d of %d skipped item(s) re-queued. Run the manifest again to work on them.%n", requeued,
					skipped.size());
		}
		else {
			out.printf("None of the %d skipped item(s) can be retried yet.%n", skipped.size());
		}
		return ExitCode.OK;
	}

	/** Why the item would be skipped again, or empty when its reason is gone. */
	private Optional<String> stillFailing(LedgerItem item) {
		if (item.stage() != Stage.UPLOAD) {
			return Optional.of("skipped by the engine at " + item.stage().stepName() + " (" + item.lastError()
					+ "); change its manifest row to retry it");
		}
		if (item.lastError() != null && item.lastError().startsWith("unsupported video type")) {
			return Optional.of(item.lastError());
		}
		Optional<String> missing = unusable("video", item.video());
		if (missing.isPresent()) {
			return missing;
		}
		if (item.music() != null) {
			missing = unusable("music file", item.music());
			if (missing.isPresent()) {
				return missing;
			}
		}
		try {
			MediaInfo info = this.probe.probe(item.video());
			if (info.videoStreams().isEmpty()) {
				return Optional.of("the video " + item.video() + " has no video stream");
			}
		}
		catch (UnreadableMediaException ex) {
			return Optional.of(ex.getMessage());
		}
		return Optional.empty();
	}

	private static Optional<String> unusable(String what, Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.of("the " + what + " " + file + " does not exist (or is not a file)");
		}
		if (!Files.isReadable(file)) {
			return Optional.of("the " + what + " " + file + " is not readable");
		}
		return Optional.empty();
	}

}
