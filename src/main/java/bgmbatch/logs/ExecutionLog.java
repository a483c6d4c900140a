package bgmbatch.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

/**
 * One log file per job execution, {@code <state>/logs/<manifest>/execution-<id>.log},
 * beside the application-wide log. Every line carries the item being worked on (MDC
 * {@code item}, "-" outside an item). Bounded: the file rolls at {@link #MAX_FILE_SIZE}
 * keeping {@link #ROLLED_FILES} old parts, and only the newest {@link #KEPT_EXECUTIONS}
 * executions' logs are kept.
 */
public final class ExecutionLog {

	static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] item=%X{item:--} %logger{36}: %msg%n";

	/** Large enough for a night of 100k items at a few lines each. */
	static final String MAX_FILE_SIZE = "20MB";

	static final int ROLLED_FILES = 3;

	static final int KEPT_EXECUTIONS = 30;

	private ExecutionLog() {
	}

	/**
	 * Starts copying every log event of this process into the execution's file.
	 * @return the handle that stops it, or a no-op handle when logging is not Logback
	 */
	public static Handle open(Path folder, long executionId) throws IOException {
		Files.createDirectories(folder);
		Path file = folder.resolve("execution-" + executionId + ".log");
		prune(folder, file);
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return new Handle(file, () -> {
			});
		}
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(PATTERN);
		encoder.start();
		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(context);
		appender.setName("execution-" + executionId);
		appender.setFile(file.toString());
		appender.setEncoder(encoder);
		FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
		rolling.setContext(context);
		rolling.setParent(appender);
		rolling.setFileNamePattern(folder.resolve("execution-" + executionId + ".%i.log").toString());
		rolling.setMinIndex(1);
		rolling.setMaxIndex(ROLLED_FILES);
		rolling.start();
		SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
		trigger.setContext(context);
		trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
		trigger.start();
		appender.setRollingPolicy(rolling);
		appender.setTriggeringPolicy(trigger);
		appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(appender);
		return new Handle(file, () -> {
			root.detachAppender(appender);
			appender.stop();
		});
	}

	/** Deletes the logs of all but the newest executions, by modification time. */
	private static void prune(Path folder, Path current) throws IOException {
		List<Path> logs;
		try (Stream<Path> files = Files.list(folder)) {
			logs = files.filter((f) -> f.getFileName().toString().matches("execution-\\d+\\.log"))
				.filter((f) -> !f.equals(current))
				.sorted(Comparator.comparing(ExecutionLog::modified).reversed())
				.toList();
		}
		for (Path old : logs.subList(Math.min(logs.size(), KEPT_EXECUTIONS - 1), logs.size())) {
			String base = old.getFileName().toString().replace(".log", "");
			try (Stream<Path> parts = Files.list(folder)) {
				for (Path part : parts.filter((f) -> f.getFileName().toString().startsWith(base + ".")).toList()) {
					Files.deleteIfExists(part);
				}
			}
		}
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** An open execution log. */
	public static final class Handle implements AutoCloseable {

		private final Path file;

		private final Runnable stop;

		Handle(Path file, Runnable stop) {
			this.file = file;
			this.stop = stop;
		}

		public Path file() {
			return this.file;
		}

		@Override
		public void close() {
			this.stop.run();
		}

	}

}
