/**
 * Everything the tests share, in one place: the one clip maker ({@link bgmbatch.support.Clips}),
 * the job harnesses from the cheapest to the most real ({@link bgmbatch.support.JobRun}
 * and its {@code name=value} front {@link bgmbatch.support.RunHarness}: a fresh Spring
 * context per run; {@link bgmbatch.support.InProcessRun}: through the CLI;
 * {@link bgmbatch.support.ChildJvm}: a real process, for kills, with
 * {@link bgmbatch.support.Orphans} for what a kill leaves running), and test doubles of the
 * engine and the ledger. The fake NemoVideo server lives with the cloud engine's tests
 * ({@code engine.nemo.fake}) and wires a job to itself ({@code FakeNemoServer.jobArguments});
 * {@link bgmbatch.support.FakeNemo} gives a test class a fresh one per test and a clip to send it.
 */
package bgmbatch.support;
