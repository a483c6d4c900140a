package bgmbatch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps the JIT to its quick compiler (C1) in a plain {@code java -jar} start, as run.sh's
 * {@code -XX:TieredStopAtLevel=1} does, by adding a compiler directive that excludes C2
 * (what {@code jcmd <pid> Compiler.directives_add} does, through the JVM's own diagnostic
 * command bean). On two cores the optimising compiler's threads take the CPU start-up
 * needs: measured on this kind of machine, plain {@code java -jar} went from main to its
 * first item in 2.3-2.7 s with C2 kept out, 3.0-3.5 s with it (2.1-2.4 s with the
 * command-line option). The job's own Java work is small beside ffmpeg and the network
 * (run.sh has run C1-only since issue 7, no slower over 200 items). Give
 * {@code -XX:TieredStopAtLevel=4} to keep C2.
 * <p>
 * Done on a thread of its own, so the main thread does not wait for the management
 * classes; a JVM without the command (not HotSpot) simply starts as it is.
 */
final class StartupCompiler {

	static final String DIRECTIVES = "[{ match: \"*.*\", c2: { Exclude: true } }]";

	private StartupCompiler() {
	}

	static void keepToC1InBackground() {
		Thread thread = new Thread(StartupCompiler::keepToC1, "c1-only");
		thread.setDaemon(true);
		thread.start();
	}

	/** run.sh and the tests start with {@code -XX:TieredStopAtLevel=1}: nothing to do then. */
	private static boolean c2AlreadyOff() {
		return ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.anyMatch((argument) -> argument.startsWith("-XX:TieredStopAtLevel") || argument.equals("-Xint"));
	}

	private static void keepToC1() {
		if (c2AlreadyOff()) {
			return;
		}
		try {
			Path file = Files.createTempFile("bgm-batch-jit", ".json");
			try {
				Files.writeString(file, DIRECTIVES);
				ManagementFactory.getPlatformMBeanServer()
					.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
							new Object[] { new String[] { file.toString() } },
							new String[] { String[].class.getName() });
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException | JMException | RuntimeException ex) {
			// not HotSpot, or no management: the JVM keeps its usual compilers
		}
	}

}
