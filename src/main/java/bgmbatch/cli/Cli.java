package bgmbatch.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import bgmbatch.job.ExitCode;
import bgmbatch.settings.UsageException;

import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reads the command line, binds the settings, runs the job (or a command) in a Spring
 * context, and turns the outcome into an exit code. Every refusal is one or two lines on
 * the console; a failure's trace goes to the log file only.
 */
public final class Cli {

	private static final Log logger = LogFactory.getLog(Cli.class);

	private final PrintStream out;

	private final PrintStream err;

	private final Supplier<SpringApplicationBuilder> application;

	/**
	 * @param application makes the Spring application a run or command starts (the
	 * application class is above this package, so it is handed in)
	 */
	public Cli(PrintStream out, PrintStream err, Supplier<SpringApplicationBuilder> application) {
		this.out = out;
		this.err = err;
		this.application = application;
	}

	public int run(String[] args) {
		if (args.length == 0) {
			this.err.print(Usage.SHORT);
			return ExitCode.USAGE.code();
		}
		Arguments arguments;
		try {
			arguments = Arguments.parse(args);
		}
		catch (UsageException ex) {
			return refuse(ex);
		}
		if (arguments.help()) {
			this.out.print(Usage.text());
			return ExitCode.OK.code();
		}
		if (arguments.version()) {
			this.out.println(Usage.version());
			return ExitCode.OK.code();
		}
		List<String> springArguments = withConfigFiles(arguments.springArguments());
		try {
			Commands commands = new Commands(this.out, StartSettings.bind(springArguments).run(), springArguments,
					this::start);
			return commands.run(arguments.command()).code();
		}
		catch (AbandonedRunException ex) {
			// the build's AOT processing (process-aot) stops the application here on purpose
			throw ex;
		}
		catch (UsageException ex) {
			return refuse(ex);
		}
		catch (Exception ex) {
			return fail(ex);
		}
	}

	private ConfigurableApplicationContext start(List<String> springArguments) {
		return this.application.get().run(springArguments.toArray(String[]::new));
	}

	private int refuse(UsageException ex) {
		this.err.println("error: " + ex.getMessage());
		this.err.println("Run with --help for usage.");
		return ExitCode.USAGE.code();
	}

	/** The one line for the console; the trace, when there is one worth keeping, for the log file. */
	private int fail(Exception ex) {
		ExitCode code = ExitCode.of(ex);
		if (code == ExitCode.FAILED) {
			// info, not error: the console shows warnings and above, and must not show a trace
			logger.info("the run failed", ex);
		}
		this.err.println(ExitCode.line(ex));
		return code.code();
	}

	/** The settings files Spring reads besides its usual ones (see {@link ConfigFiles}). */
	private static List<String> withConfigFiles(List<String> springArguments) {
		String option = "--" + SettingsList.CONFIG.property() + "=";
		if (springArguments.stream().anyMatch((argument) -> argument.startsWith(option))) {
			return springArguments;
		}
		List<String> all = new ArrayList<>(springArguments);
		all.add(option + ConfigFiles.locations(null));
		return List.copyOf(all);
	}

}
