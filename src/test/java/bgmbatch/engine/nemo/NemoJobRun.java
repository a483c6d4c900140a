package bgmbatch.engine.nemo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import bgmbatch.BgmBatchApplication;
import bgmbatch.settings.BgmProperties;
import bgmbatch.job.ExitCode;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Journal;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.job.JobRunner;
import bgmbatch.ledger.Ledger;
import bgmbatch.ledger.LedgerItem;
import bgmbatch.support.ForwardingEngine;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the real job in a Spring context against the fake, the way the command line does. */
final class NemoJobRun {

	private NemoJobRun() {
	}

	/**
	 * What one run left behind.
	 * @param exit the exit code, or null when the run died (a simulated crash)
	 * @param items the ledger after the run
	 * @param crash what killed the run, or null
	 */
	record Outcome(ExitCode exit, List<LedgerItem> items, Throwable crash) {

		/** The simulated kill happened (Spring Batch records the Error as the job's failure). */
		boolean died() {
			return this.crash != null || this.exit == ExitCode.FAILED;
		}

		LedgerItem item(String id) {
			return this.items.stream().filter((item) -> item.id().equals(id)).findFirst().orElseThrow();
		}

	}

	static Outcome run(Path manifest, List<String> arguments) {
		return run(manifest, arguments, null);
	}

	/**
	 * @param crashAfter when it returns true for a handle just committed, the run dies on the
	 * spot with an Error, as if the process were killed right after that write
	 */
	static Outcome run(Path manifest, List<String> arguments, BiPredicate<String, String> crashAfter) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BgmBatchApplication.class);
		if (crashAfter != null) {
			builder.initializers(crashing(crashAfter));
		}
		try (ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new))) {
			ExitCode exit = null;
			Throwable crash = null;
			try {
				exit = context.getBean(JobRunner.class).run();
			}
			catch (Throwable ex) {
				crash = ex;
			}
			List<LedgerItem> items = new ArrayList<>();
			BgmProperties settings = context.getBean(BgmProperties.class);
			context.getBean(Ledger.class)
				.forEach(JobRunner.jobKeyOf(settings), items::add);
			if (crash != null && crashAfter == null) {
				throw new AssertionError("the run failed", crash);
			}
			return new Outcome(exit, items, crash);
		}
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> crashing(
			BiPredicate<String, String> crashAfter) {
		return (context) -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return bean instanceof EditingEngine engine ? new CrashingEngine(engine, crashAfter) : bean;
			}
		});
	}

	/** Thrown where the process would have been killed. */
	static final class SimulatedCrash extends Error {

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
