package bgmbatch.cli;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Keeps a context's start-up failure off the console: Spring Boot would log it as an error
 * with its whole trace (the console shows errors), before {@link Cli} prints the one line
 * that says what to do. The trace goes to the log file instead. Registered in
 * {@code META-INF/spring.factories}.
 */
final class StartFailureReporter implements SpringBootExceptionReporter, Ordered {

	private static final Log logger = LogFactory.getLog(StartFailureReporter.class);

	@Override
	public boolean reportException(Throwable failure) {
		logger.info("the application did not start", failure);
		return true;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
