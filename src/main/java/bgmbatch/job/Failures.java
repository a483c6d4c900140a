package bgmbatch.job;

import org.springframework.core.retry.RetryException;

/** Spring's retry wraps the last failure once retries run out; policies judge the failure itself. */
final class Failures {

	private Failures() {
	}

	static Throwable unwrap(Throwable t) {
		Throwable current = t;
		while (current instanceof RetryException && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
