package bgmbatch.cli;

import java.util.List;
import java.util.Locale;

import bgmbatch.engine.nemo.NemoProperties;
import bgmbatch.settings.BgmProperties;
import bgmbatch.settings.RunProperties;
import bgmbatch.settings.Settings;
import bgmbatch.settings.UsageException;
import bgmbatch.storage.S3Properties;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.config.ConfigDataNotFoundException;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings as Spring Boot will bind them, bound before the context starts: the same
 * sources (arguments, {@code BGM_*} environment, every settings file) through Spring's own
 * {@link Binder} into the same records, by the same call ({@link BgmProperties#bind}) as the
 * context's. The run lock and the state folder are checked on these, before the context
 * (whose log file lives in the state folder) starts, and every wrong value of every record,
 * a type error included, is refused here in one line, never as a bean-creation trace. Costs
 * one read of the settings files (a few milliseconds).
 */
final class StartSettings {

	private StartSettings() {
	}

	/**
	 * @param springArguments the command line as Spring reads it
	 * @return the run's settings
	 * @throws UsageException naming a wrong value, an unknown setting in a file, or a missing config file
	 */
	static BgmProperties bind(List<String> springArguments) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource(springArguments.toArray(String[]::new)));
		try {
			ConfigDataEnvironmentPostProcessor.applyTo(environment);
		}
		catch (ConfigDataNotFoundException ex) {
			String location = (ex instanceof ConfigDataResourceNotFoundException notFound && notFound.getLocation() != null)
					? notFound.getLocation().getValue() : ex.getReferenceDescription();
			throw new UsageException("the config file " + location.replaceFirst("^file:", "").replace("[.properties]", "")
					+ " does not exist; give an existing file with config=FILE");
		}
		checkNamesInFiles(environment);
		Binder binder = Binder.get(environment);
		try {
			binder.bindOrCreate("bgm.nemo", NemoProperties.class);
			binder.bindOrCreate("bgm.s3", S3Properties.class);
			BgmProperties settings = BgmProperties.bind(binder);
			if (!environment.containsProperty("spring.main.sources")) {
				// no added source brings another engine
				Settings.oneOf("engine", settings.run().engine(), RunProperties.ENGINES);
			}
			return settings;
		}
		catch (BindException ex) {
			throw new UsageException(describe(ex));
		}
	}

	/** A misspelt name in a settings file would be ignored silently: refuse it as on the command line. */
	private static void checkNamesInFiles(StandardEnvironment environment) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof OriginTrackedMapPropertySource file)) {
				continue;
			}
			for (String property : ((EnumerablePropertySource<?>) file).getPropertyNames()) {
				String name = property.toLowerCase(Locale.ROOT);
				if (!name.startsWith("bgm.")) {
					continue;
				}
				String setting = name.substring("bgm.".length());
				boolean known = SettingsList.names()
					.stream()
					.anyMatch((candidate) -> uniform(candidate).equals(uniform(setting)));
				if (!known) {
					throw new UsageException(Arguments.unknown(setting) + " (" + where(file.getOrigin(property)) + ")");
				}
			}
		}
	}

	/** Spring's relaxed names: {@code state-dir}, {@code stateDir} and {@code state_dir} are one. */
	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	/** One line: the setting as typed, its value, what it must be, and where it was given when not on the command line. */
	static String describe(BindException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UsageException usage) {
				return usage.getMessage();
			}
		}
		String setting = ex.getName().toString().replaceFirst("^bgm\\.", "");
		ConfigurationProperty property = ex.getProperty();
		Object value = property == null ? "" : property.getValue();
		Class<?> type = ex.getTarget().getType().resolve(Object.class);
		SettingsList.Setting known = SettingsList.named(setting).orElse(null);
		String expected;
		if (known != null && !known.choices().isEmpty()) {
			expected = "one of " + String.join(", ", known.choices());
		}
		else {
			SettingsList.Kind kind = SettingsList.kind(type);
			expected = kind.description + ", e.g. " + kind.example;
		}
		String origin = property == null ? "" : where(property.getOrigin());
		return setting + "=" + value + " is not valid: give " + expected + (origin.isEmpty() ? "" : " (" + origin + ")");
	}

	private static String where(Origin origin) {
		String text = origin == null ? "" : origin.toString();
		return text.contains("commandLineArgs") || text.isEmpty() ? "" : "in " + text;
	}

}
