package bgmbatch.job;

import java.nio.file.Path;

/**
 * The lock a run takes on its job before it touches the job's state: on one machine the
 * context's operating-system file locks (taken before the database opened); on a shared
 * database PostgreSQL advisory locks on the job and on its output folder.
 */
@FunctionalInterface
public interface JobLock {

	/** One machine: the context holds the file locks of the output folder and the manifest's database already. */
	JobLock FILE_LOCKS_HELD = (jobKey, outputFolder) -> {
	};

	/**
	 * Takes the lock for the rest of the process's life.
	 * @throws bgmbatch.state.AlreadyRunningException when another run holds it
	 */
	void hold(String jobKey, Path outputFolder);

}
