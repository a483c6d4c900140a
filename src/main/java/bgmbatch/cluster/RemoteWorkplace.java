package bgmbatch.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.WorkItem;
import bgmbatch.job.WorkerIds;
import bgmbatch.job.Workplace;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker machine, one of several sharing a job: its workers wait for items other
 * workers hold (their machine may have died), claim nothing for a job execution its
 * manager gave up, hand their slots back when the process is told to stop, and check
 * that this machine sees each item's files at the paths the manifest gave, since a
 * missing shared mount looks like a missing file.
 */
final class RemoteWorkplace implements Workplace {

	private final JdbcClient jdbc;

	private final String tablePrefix;

	private final WorkerIds workers;

	private final SlotLeases slots;

	private final WorkerStop stop;

	RemoteWorkplace(JdbcClient jdbc, String tablePrefix, WorkerIds workers, SlotLeases slots, WorkerStop stop) {
		this.jdbc = jdbc;
		this.tablePrefix = tablePrefix;
		this.workers = workers;
		this.slots = slots;
		this.stop = stop;
	}

	@Override
	public boolean awaitHeldItems() {
		return true;
	}

	@Override
	public boolean stillRunning(long jobExecutionId) {
		return this.jdbc.sql("SELECT STATUS FROM " + this.tablePrefix + "JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?")
			.param(jobExecutionId)
			.query(String.class)
			.optional()
			.map((status) -> BatchStatus.valueOf(status).isRunning())
			.orElse(false);
	}

	@Override
	public void handBackIfStopping(long stepExecutionId, Runnable letGo) {
		if (!this.stop.requested()) {
			return;
		}
		letGo.run();
		this.slots.handBack(stepExecutionId, this.workers.of(stepExecutionId));
		this.stop.parkForever();
	}

	@Override
	public void checkFiles(WorkItem item, Path outputFolder) {
		// an input given by address is fetched into this machine's cache; only a path must be shared
		if (item.handle(WorkItem.VIDEO_SOURCE) == null && !Files.isReadable(item.video())) {
			throw new ItemFailedException(this.workers.host() + " cannot read the input " + item.video()
					+ ": every machine must see the manifest's files at the same paths (a shared mount)");
		}
		if (!Files.isDirectory(outputFolder) || !Files.isWritable(outputFolder)) {
			throw new ItemFailedException(this.workers.host() + " cannot write the output folder " + outputFolder
					+ ": every machine must see it, writable, at the same path (a shared mount)");
		}
	}

}
