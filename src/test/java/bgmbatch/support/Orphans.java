package bgmbatch.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The processes a child JVM killed with SIGKILL leaves running (its ffmpeg, see
 * {@link ChildJvm#killAfter}): a test waits for them before it judges the outputs they may
 * still write, and whatever is left is killed after the test, passed or failed, so a
 * failed test leaves nothing running. Registered on a field:
 * {@code @RegisterExtension final Orphans orphans = new Orphans();}
 */
public final class Orphans implements AfterEachCallback {

	private final List<ProcessHandle> left = new ArrayList<>();

	/** Keeps what a kill left; null (a run that ended by itself) leaves nothing. */
	public void add(List<ProcessHandle> processes) {
		if (processes != null) {
			this.left.addAll(processes);
		}
	}

	/** Waits for every process kept so far to end on its own (ffmpeg on a short clip ends soon). */
	public void awaitExit(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
		for (ProcessHandle orphan : this.left) {
			orphan.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.left.forEach(ProcessHandle::destroyForcibly);
		this.left.clear();
	}

}
