package bgmbatch.job;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Names the workers of this process as {@code host:pid:lane}, the name a claim and a
 * stage record carry, so the ledger says which machine, process and lane did what. A
 * lane is the lowest number free when a worker step starts, so at any moment no two
 * workers of the process share a name, however their steps were handed out (slots of
 * one run, or slots of any run arriving at a worker machine).
 */
public final class WorkerIds {

	private final String host;

	private final String process;

	private final Map<Long, Integer> lanes = new HashMap<>();

	public WorkerIds() {
		this.host = hostName();
		this.process = this.host + ":" + ProcessHandle.current().pid();
	}

	/** The machine's name. */
	public String host() {
		return this.host;
	}

	/** The worker running the step execution; the first call gives it a lane. */
	public synchronized String of(long stepExecutionId) {
		int lane = this.lanes.computeIfAbsent(stepExecutionId, (id) -> lowestFree());
		return this.process + ":" + lane;
	}

	/** The step execution has ended: its lane is free again. */
	public synchronized void release(long stepExecutionId) {
		this.lanes.remove(stepExecutionId);
	}

	private int lowestFree() {
		int lane = 1;
		while (this.lanes.containsValue(lane)) {
			lane++;
		}
		return lane;
	}

	/**
	 * The kernel's host name, read from /proc where there is one: looking the local
	 * address up (InetAddress) can wait on a broken DNS for seconds.
	 */
	private static String hostName() {
		try {
			Path kernel = Path.of("/proc/sys/kernel/hostname");
			if (Files.isReadable(kernel)) {
				return Files.readString(kernel).strip();
			}
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

}
