package bgmbatch;

import java.io.PrintStream;

import bgmbatch.cli.Cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class BgmBatchApplication {

	public static void main(String[] args) {
		ClassPreloader.startInBackground();
		StartupCompiler.keepToC1InBackground();
		PrintStream out = System.out;
		System.exit(new Cli(out, System.err).run(args));
	}

	/**
	 * The application as the command line starts it: named as the main class (the
	 * build-time bean definitions are found by its name) and with {@link AotMode} deciding
	 * whether to use them. Spring Boot's shutdown hook is off: on SIGTERM or Ctrl-C it would
	 * close the database under a running job; the command line closes the context itself
	 * when the run has stopped ({@link bgmbatch.job.StopOnSignal}).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(BgmBatchApplication.class).main(BgmBatchApplication.class)
			.registerShutdownHook(false)
			.listeners(new AotMode());
	}

}
