package bgmbatch.job;

import bgmbatch.engine.JobHaltException;
import bgmbatch.media.MissingToolException;

import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * One item's failure never stops the others: every exception is skipped (and recorded on
 * the item by {@link ItemFailureRecorder}) except those that concern the whole job.
 */
final class ItemSkipPolicy implements SkipPolicy {

	@Override
	public boolean shouldSkip(Throwable failure, long skipCount) {
		return skippable(failure);
	}

	static boolean skippable(Throwable failure) {
		Throwable t = Failures.unwrap(failure);
		if (t instanceof JobHaltException) {
			// out of credits or a plan limit: every further item would fail the same way
			return false;
		}
		if (t instanceof ClaimReadException) {
			// no item was read: skipping would read the same failure again, forever
			return false;
		}
		if (t instanceof StoppedOnRequestException) {
			// cut short by a stop: the item did nothing wrong, and resumes at its stage next run
			return false;
		}
		if (t instanceof MissingToolException) {
			// without ffmpeg no item can succeed
			return false;
		}
		// an Error (out of memory, a broken class path) is the job's problem, not the item's
		return t instanceof Exception;
	}

}
