/**
 * The command line: parsing {@code name=value} arguments, the operator's commands
 * ({@code status}, {@code jobs}, {@code abandon}, {@code retry-skipped}, {@code manifest}),
 * usage text, and the console line and exit code of a failure (both from {@link bgmbatch.job.ExitCode}).
 * <p>
 * The top of the house: may import the run control ({@code job}), the ledger, the
 * manifest, the state folder, media and the engine port. Nothing imports {@code cli}.
 */
package bgmbatch.cli;
