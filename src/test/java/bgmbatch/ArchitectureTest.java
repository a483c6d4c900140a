package bgmbatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Dependencies point one way: the application and its command line, then run control
 * (the job), then the features (engines, ledger, manifest, report, progress...), then the
 * core they share (the engine port, media tools, state folder, settings). A class may use
 * its own layer and the ones below, never one above, and no two packages use each other.
 */
class ArchitectureTest {

	/** The application's own classes, without the tests and without the bean definitions Spring AOT generates. */
	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("__"))
		.importPackages("bgmbatch");

	@Test
	void noPackageUsesAPackageThatUsesIt() {
		slices().matching("(**)")
			.should()
			.beFreeOfCycles()
			.check(CLASSES);
	}

	@Test
	void dependenciesPointDownFromTheCommandLineToTheCore() {
		Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("Application").definedBy("bgmbatch")
			.layer("Command line").definedBy("bgmbatch.cli..")
			.layer("Run control").definedBy("bgmbatch.job..", "bgmbatch.cluster..")
			.layer("Features").definedBy("bgmbatch.engine.local..", "bgmbatch.engine.nemo..", "bgmbatch.ledger..",
					"bgmbatch.manifest..", "bgmbatch.report..", "bgmbatch.progress..", "bgmbatch.delivery..",
					"bgmbatch.source..", "bgmbatch.logs..", "bgmbatch.storage.aws..", "bgmbatch.live..",
					"bgmbatch.metrics..")
			.layer("Core").definedBy("bgmbatch.engine", "bgmbatch.media..", "bgmbatch.state..", "bgmbatch.storage",
					"bgmbatch.settings..")
			.whereLayer("Application").mayNotBeAccessedByAnyLayer()
			.whereLayer("Command line").mayOnlyBeAccessedByLayers("Application")
			.whereLayer("Run control").mayOnlyBeAccessedByLayers("Application", "Command line")
			.whereLayer("Features").mayOnlyBeAccessedByLayers("Application", "Command line", "Run control", "Features")
			.check(CLASSES);
	}

	@Test
	void everyPackageBelongsToALayer() {
		com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
			.should()
			.resideInAnyPackage("bgmbatch", "bgmbatch.cli..", "bgmbatch.job..", "bgmbatch.engine..", "bgmbatch.ledger..",
					"bgmbatch.manifest..", "bgmbatch.report..", "bgmbatch.progress..", "bgmbatch.delivery..",
					"bgmbatch.source..", "bgmbatch.logs..", "bgmbatch.storage..", "bgmbatch.media..", "bgmbatch.state..",
					"bgmbatch.settings..", "bgmbatch.cluster..", "bgmbatch.live..", "bgmbatch.metrics..")
			.because("a new package must be placed in a layer of dependenciesPointDownFromTheCommandLineToTheCore")
			.check(CLASSES);
	}

}
