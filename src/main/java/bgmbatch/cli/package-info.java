/**
 * The command line: parsing {@code name=value} arguments, the operator's commands
 * ({@code status}, {@code jobs}, {@code abandon}, {@code retry-skipped}, {@code manifest}),
 * usage text, and turning one run's outcome into one exit code.
 * <p>
 * The top of the house: may import the run control ({@code job}), the ledger, the
 * manifest, the state folder, media and the engine port. Nothing imports {@code cli}.
 */
package bgmbatch.cli;
