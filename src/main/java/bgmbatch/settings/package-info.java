/**
 * The run's own settings ({@code bgm.*}) as Spring Boot binds them, with the checks of
 * their values, and the one exception for a bad invocation ({@link bgmbatch.settings.UsageException},
 * exit 2). Low in the house so every layer may read settings without importing the
 * command line.
 * <p>
 * May import {@code state} and {@code storage} (the output folder or bucket a setting names).
 */
package bgmbatch.settings;
