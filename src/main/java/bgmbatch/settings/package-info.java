/**
 * The {@code bgm.*} settings as Spring Boot binds them: one record for the prefix
 * ({@link bgmbatch.settings.BgmProperties}) with its groups (the run's own, the operator's,
 * remote inputs), a bean per group, the checks of their values, and the one exception for a
 * bad invocation ({@link bgmbatch.settings.UsageException}, exit 2). Low in the house so
 * every layer may read settings without importing the command line.
 * <p>
 * May import {@code state} and {@code storage} (the output folder or bucket a setting names).
 */
package bgmbatch.settings;
