package bgmbatch.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.EditingEngine;
import bgmbatch.job.JobRunner;
import bgmbatch.ledger.LedgerItem;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the job as the command line does — a fresh Spring context per run, like a fresh
 * process — with an optional decorator around the engine, and reads the ledger after:
 * {@link JobRun} with settings given as {@code name=value}, the way users write them.
 */
public final class RunHarness {

	private final Path stateDir;

	private final Path output;

	private UnaryOperator<EditingEngine> decorator = UnaryOperator.identity();

	private final Map<String, Object> beans = new LinkedHashMap<>();

	public RunHarness(Path stateDir, Path output) {
		this.stateDir = stateDir;
		this.output = output;
	}

	public RunHarness decorateEngine(UnaryOperator<EditingEngine> decorator) {
		this.decorator = decorator;
		return this;
	}

	/** Adds a bean to every run's context (e.g. a customizer a test needs). */
	public RunHarness withBean(String name, Object bean) {
		this.beans.put(name, bean);
		return this;
	}

	/** One run, like {@code java -jar batch.jar manifest=... output=... state-dir=... extra...}. */
	public ExitCode run(Path manifest, String... settings) throws Exception {
		try (ConfigurableApplicationContext context = context(manifest, settings)) {
			return context.getBean(JobRunner.class).run();
		}
	}

	/**
	 * The ledger items of the manifest's job, in manifest order. The job is the manifest, the
	 * output and the engine: give the settings that changed those for the run.
	 */
	public List<LedgerItem> ledger(Path manifest, String... settings) {
		try (ConfigurableApplicationContext context = context(manifest, settings)) {
			return JobRun.ledger(context);
		}
	}

	/** Works on the manifest's job database with the job's own beans, e.g. to leave what a kill leaves. */
	public void inContext(Path manifest, Consumer<ConfigurableApplicationContext> action) {
		try (ConfigurableApplicationContext context = context(manifest)) {
			action.accept(context);
		}
	}

	private ConfigurableApplicationContext context(Path manifest, String... settings) {
		Map<String, String> values = new LinkedHashMap<>(Map.of("manifest", manifest.toString(), "output",
				this.output.toString(), "state-dir", this.stateDir.toString(), "concurrency", "2"));
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put(setting.substring(0, equals), setting.substring(equals + 1));
		}
		List<String> args = new ArrayList<>();
		values.forEach((name, value) -> args.add("--bgm." + name + "=" + value));
		return JobRun.context(args, this.decorator, this.beans);
	}

}
