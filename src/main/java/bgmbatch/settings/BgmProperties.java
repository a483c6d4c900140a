package bgmbatch.settings;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every {@code bgm.*} setting, bound once by Spring Boot's {@link Binder}: the one record for
 * the {@code bgm} prefix (the cloud engine's {@code bgm.nemo.*} and the buckets'
 * {@code bgm.s3.*} have their own). Its groups keep the flat names users type
 * ({@code quiet=true}, {@code bgm.quiet}, {@code BGM_QUIET}): {@code @Name("")} binds a
 * group's settings at the prefix itself, not under the group's name.
 * <p>
 * Not a {@code @ConfigurationProperties} class: Spring Boot 4.0.7's configuration processor
 * fails on {@code @Name("")} (a NullPointerException in its name lookup), so the groups are
 * {@code @ConfigurationPropertiesSource}s, from which the processor writes each setting's
 * description and default, and {@link SettingsConfiguration} binds this record with
 * {@link #bind(Binder)}, as the command line does before the context starts.
 *
 * @param run the run's own settings
 * @param operator how the run talks to its operator
 * @param remoteInputs inputs given by address
 */
public record BgmProperties(@Name("") @DefaultValue RunProperties run, @Name("") @DefaultValue OperatorProperties operator,
		@Name("") @DefaultValue RemoteProperties remoteInputs) {

	/** The prefix of these settings' Spring properties. */
	public static final String PREFIX = "bgm";

	/**
	 * The settings these sources give, every other at its default.
	 * @throws org.springframework.boot.context.properties.bind.BindException when a value
	 * is of the wrong type or a record refuses it (its cause a {@link UsageException})
	 */
	public static BgmProperties bind(Binder binder) {
		return binder.bindOrCreate(PREFIX, BgmProperties.class);
	}

	/**
	 * The settings Spring binds from these values (names as on the command line, e.g.
	 * {@code quiet=true}, {@code remote.max-size=1GB}), every other at its default: for code
	 * and tests that make settings without a context.
	 */
	public static BgmProperties of(Map<String, String> values) {
		Map<String, String> properties = new HashMap<>();
		values.forEach((name, value) -> properties.put(PREFIX + "." + name, value));
		return bind(new Binder(new MapConfigurationPropertySource(properties)));
	}

}
