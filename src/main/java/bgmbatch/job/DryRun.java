package bgmbatch.job;

import java.io.PrintStream;
import java.nio.file.Path;

import bgmbatch.job.ExitCode;
import bgmbatch.engine.EditingEngine;
import bgmbatch.manifest.ManifestReader;
import bgmbatch.manifest.ManifestSource;

/**
 * {@code dry-run=true}: shows what each item would do and cost, touching neither the
 * ledger nor the service's paid calls. Exit 0 when the run could go ahead, 4 when the
 * engine says it could not (not enough credits), so a script can check before a night run.
 */
final class DryRun {

	private final EditingEngine engine;

	private final PrintStream console;

	DryRun(EditingEngine engine, PrintStream console) {
		this.engine = engine;
		this.console = console;
	}

	ExitCode run(ManifestSource source, Path output, boolean keepContainer, String jobKey) {
		this.console.println("Dry run of " + source.path() + ": nothing is sent, nothing is spent.");
		try (ManifestReader.Cursor cursor = new ManifestReader(source, output, keepContainer).open()) {
			return this.engine.dryRun(ManifestItems.of(cursor, jobKey), this.console) ? ExitCode.OK : ExitCode.HALTED;
		}
	}

}
