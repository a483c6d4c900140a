package bgmbatch.job;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the workers of this process as {@code host:pid:slot}, the name a claim and a
 * stage record carry, so the ledger says which machine, process and slot did what.
 */
final class WorkerIds {

	private final String process;

	WorkerIds() {
		this.process = hostName() + ":" + ProcessHandle.current().pid();
	}

	String of(int slot) {
		return this.process + ":" + slot;
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
