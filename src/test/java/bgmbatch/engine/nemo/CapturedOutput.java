package bgmbatch.engine.nemo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import bgmbatch.support.JobRun;

/** What a run printed on standard output and error. */
record CapturedOutput(JobRun.Outcome result, String stdout, String stderr) {

	static CapturedOutput during(Supplier<JobRun.Outcome> run) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
		try {
			JobRun.Outcome result = run.get();
			return new CapturedOutput(result, stdout.toString(StandardCharsets.UTF_8),
					stderr.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

}
