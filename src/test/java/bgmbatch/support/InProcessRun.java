package bgmbatch.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import bgmbatch.BgmBatchApplication;
import bgmbatch.cli.Cli;

/**
 * A run through {@link Cli} inside the test JVM: the same path from arguments to exit
 * code as the real command, without a JVM start. Messages from the CLI itself (errors,
 * exit 5) are captured; the job's own console output goes to the test log.
 */
public record InProcessRun(int exitCode, String out, String err) {

	public static InProcessRun of(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), BgmBatchApplication::application)
			.run(args);
		return new InProcessRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
