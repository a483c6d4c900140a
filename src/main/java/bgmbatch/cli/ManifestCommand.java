package bgmbatch.cli;

import bgmbatch.job.ExitCode;

import java.io.PrintStream;

/** A command about one manifest's job, run inside the job's Spring context while its run lock is held. */
interface ManifestCommand {

	ExitCode run(PrintStream out) throws Exception;

}
