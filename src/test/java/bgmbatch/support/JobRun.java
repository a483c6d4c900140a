package bgmbatch.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

import bgmbatch.BgmBatchApplication;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Journal;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.job.ExitCode;
import bgmbatch.job.JobRunner;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.settings.RunProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tests' in-process job harness: the real job in a fresh Spring context per run (like
 * a fresh process), arguments as the command line gives them, an optional decorator
 * around the engine, and the ledger read after the run. {@link RunHarness} is its
 * {@code name=value} front; {@link InProcessRun} goes through the CLI instead, and
 * {@link ChildJvm} through a real process (for kills).
 */
public final class JobRun {

	private JobRun() {
	}

	/**
	 * What one run left behind.
	 * @param exit the exit code, or null when the run died (a simulated crash)
	 * @param items the ledger after the run
	 * @param crash what killed the run, or null
	 */
	public record Outcome(ExitCode exit, List<LedgerItem> items, Throwable crash) {

		/** The simulated kill happened (Spring Batch records the Error as the job's failure). */
		public boolean died() {
			return this.crash != null || this.exit == ExitCode.FAILED;
		}

		public LedgerItem item(String id) {
			return this.items.stream().filter((item) -> item.id().equals(id)).findFirst().orElseThrow();
		}

	}

	public static Outcome run(Path manifest, List<String> arguments) {
		return run(manifest, arguments, null);
	}

	/**
	 * @param manifest the manifest the arguments name (kept for the callers' reading; the
	 * job's key comes from the settings)
	 * @param crashAfter when it returns true for a handle just committed, the run dies on the
	 * spot with an Error, as if the process were killed right after that write
	 */
	public static Outcome run(Path manifest, List<String> arguments, BiPredicate<String, String> crashAfter) {
		UnaryOperator<EditingEngine> decorator = crashAfter == null ? UnaryOperator.identity()
				: (engine) -> new CrashingEngine(engine, crashAfter);
		try (ConfigurableApplicationContext context = context(arguments, decorator, Map.of())) {
			ExitCode exit = null;
			Throwable crash = null;
			try {
				exit = context.getBean(JobRunner.class).run();
			}
			catch (Throwable ex) {
				crash = ex;
			}
			List<LedgerItem> items = ledger(context);
			if (crash != null && crashAfter == null) {
				throw new AssertionError("the run failed", crash);
			}
			return new Outcome(exit, items, crash);
		}
	}

	/**
	 * A fresh application context on these arguments, its engine wrapped by the decorator.
	 * @param beans singletons added to the context (e.g. a customizer a test needs)
	 */
	public static ConfigurableApplicationContext context(List<String> arguments, UnaryOperator<EditingEngine> decorator,
			Map<String, Object> beans) {
		return new SpringApplicationBuilder(BgmBatchApplication.class).initializers(decorating(decorator, beans))
			.run(arguments.toArray(String[]::new));
	}

	/** The ledger items of this context's job (its manifest, output and engine), in manifest order. */
	public static List<LedgerItem> ledger(ConfigurableApplicationContext context) {
		List<LedgerItem> items = new ArrayList<>();
		RunProperties settings = context.getBean(RunProperties.class);
		context.getBean(Ledger.class).forEach(JobRunner.jobKeyOf(settings), items::add);
		return items;
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> decorating(
			UnaryOperator<EditingEngine> decorator, Map<String, Object> beans) {
		Map<String, Object> extra = Map.copyOf(beans);
		return (context) -> {
			extra.forEach(context.getBeanFactory()::registerSingleton);
			context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return bean instanceof EditingEngine engine ? decorator.apply(engine) : bean;
				}
			});
		};
	}

	/** Thrown where the process would have been killed. */
	public static final class SimulatedCrash extends Error {

		SimulatedCrash(String key) {
			super("simulated kill right after " + key + " was committed");
		}

	}

	/** Delegates to the real engine and dies right after a chosen handle is committed. */
	private static final class CrashingEngine extends ForwardingEngine {

		private final BiPredicate<String, String> crashAfter;

		CrashingEngine(EditingEngine engine, BiPredicate<String, String> crashAfter) {
			super(engine);
			this.crashAfter = crashAfter;
		}

		private Journal wrap(Journal journal) {
			return (key, value) -> {
				journal.record(key, value);
				if (this.crashAfter.test(key, value)) {
					throw new SimulatedCrash(key);
				}
			};
		}

		@Override
		public StageResult upload(WorkItem item, Journal journal) {
			return super.upload(item, wrap(journal));
		}

		@Override
		public StageResult edit(WorkItem item, Journal journal) {
			return super.edit(item, wrap(journal));
		}

		@Override
		public StageResult verify(WorkItem item, Journal journal) {
			return super.verify(item, wrap(journal));
		}

		@Override
		public StageResult export(WorkItem item, Journal journal) {
			return super.export(item, wrap(journal));
		}

		@Override
		public StageResult download(WorkItem item, Journal journal) {
			return super.download(item, wrap(journal));
		}

	}

}
