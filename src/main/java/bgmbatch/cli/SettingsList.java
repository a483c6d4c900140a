package bgmbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.nemo.NemoProperties;
import bgmbatch.settings.BgmProperties;
import bgmbatch.settings.OperatorProperties;
import bgmbatch.settings.RunProperties;
import bgmbatch.storage.S3Properties;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * Every setting a user may give, read from the settings records themselves: their
 * components are the names (a nested record adds its name, {@code remote.max-size}, unless
 * it is a group bound at its parent's prefix with {@code @Name("")}), their
 * {@link DefaultValue}s the defaults, and their javadoc, which the build turns into
 * {@code META-INF/spring-configuration-metadata.json} (for {@code @ConfigurationProperties})
 * and {@code META-INF/spring/configuration-metadata/TYPE.json} (for the groups, each a
 * {@code @ConfigurationPropertiesSource}), the descriptions. The argument check,
 * {@code --help} and the README's table (a test compares it) all come from here, so a new
 * component is a new setting everywhere at once.
 */
final class SettingsList {

	/** What a setting is called and takes. */
	record Setting(String name, String property, Class<?> type, String defaultValue, List<String> choices) {

		/** What the value looks like, for the usage text: {@code N}, {@code DURATION}, {@code local|nemo}. */
		String placeholder() {
			if (!this.choices.isEmpty()) {
				return String.join("|", this.choices);
			}
			return kind(this.type).placeholder;
		}

	}

	/** A kind of value: how the usage shows it, how an error describes it, an example. */
	enum Kind {

		NUMBER("N", "a whole number", "4"), DECIMAL("NUMBER", "a number", "-1.5"), SWITCH("true|false", "true or false",
				"true"), DURATION("DURATION", "a duration", "30s, 5m or 2h"), SIZE("SIZE", "a size", "500MB or 4GB"),
		PATH("PATH", "a path", "/srv/videos"), TEXT("TEXT", "text", "...");

		final String placeholder;

		final String description;

		final String example;

		Kind(String placeholder, String description, String example) {
			this.placeholder = placeholder;
			this.description = description;
			this.example = example;
		}

	}

	/** The settings of the command line itself, which no record binds. */
	static final Setting CONFIG = new Setting("config", "spring.config.additional-location", Path.class, null, List.of());

	/**
	 * The records that bind {@code bgm.*}, with the prefix of their settings: the one record
	 * of {@code bgm} itself (its groups walked in turn), the cloud engine's and the buckets'.
	 */
	private static final List<Map.Entry<String, Class<? extends Record>>> RECORDS = List.of(
			Map.entry("", BgmProperties.class), Map.entry("nemo.", NemoProperties.class),
			Map.entry("s3.", S3Properties.class));

	/** Where the build writes the metadata of a {@code @ConfigurationPropertiesSource} type, named by the type. */
	private static final String SOURCE_METADATA = "/META-INF/spring/configuration-metadata/";

	/** Settings whose value is one of a few words (their records check it). */
	private static final Map<String, List<String>> CHOICES = Map.of("engine", RunProperties.ENGINES, "format",
			RunProperties.FORMATS, "progress", OperatorProperties.MODES, "explain", List.of("false", "true", "json"));

	/** The settings, and the groups whose descriptions are in their own metadata, each with the prefix of its names. */
	private record Walk(List<Setting> settings, List<Map.Entry<String, Class<?>>> sources) {
	}

	private static final Walk WALK = walk();

	private static final List<Setting> ALL = WALK.settings();

	private static final Set<String> NAMES = ALL.stream().map(Setting::name).collect(Collectors.toUnmodifiableSet());

	private SettingsList() {
	}

	/** Every setting bound from {@code bgm.*}, in the records' order. */
	static List<Setting> all() {
		return ALL;
	}

	static Set<String> names() {
		return NAMES;
	}

	static Optional<Setting> named(String name) {
		return ALL.stream().filter((setting) -> setting.name().equals(name)).findFirst();
	}

	static Kind kind(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return Kind.NUMBER;
		}
		if (type == double.class || type == Double.class) {
			return Kind.DECIMAL;
		}
		if (type == boolean.class || type == Boolean.class) {
			return Kind.SWITCH;
		}
		if (type == Duration.class) {
			return Kind.DURATION;
		}
		if (type == DataSize.class) {
			return Kind.SIZE;
		}
		if (type == Path.class) {
			return Kind.PATH;
		}
		return Kind.TEXT;
	}

	/**
	 * The description of each setting, from the metadata the build makes of the records'
	 * javadoc (read only for {@code --help}: Jackson is not loaded on an ordinary start).
	 */
	static Map<String, String> descriptions() {
		Map<String, String> descriptions = new HashMap<>();
		ObjectMapper json = new ObjectMapper();
		read(json, "/META-INF/spring-configuration-metadata.json", "bgm.", "", descriptions);
		for (Map.Entry<String, Class<?>> source : WALK.sources()) {
			read(json, SOURCE_METADATA + source.getValue().getName() + ".json", "", source.getKey(), descriptions);
		}
		descriptions.put(CONFIG.name(), "a properties file of settings (bgm.NAME=value) read on top of"
				+ " /etc/bgm-batch/bgm-batch.properties and the application.properties beside the jar");
		return descriptions;
	}

	/**
	 * Reads the descriptions of one metadata file: of its properties named {@code from...},
	 * each as {@code to...} without {@code from}.
	 */
	private static void read(ObjectMapper json, String file, String from, String to, Map<String, String> descriptions) {
		try (InputStream metadata = SettingsList.class.getResourceAsStream(file)) {
			if (metadata == null) {
				return;
			}
			for (JsonNode property : json.readTree(metadata).path("properties")) {
				String name = property.path("name").asText();
				if (name.startsWith(from) && property.hasNonNull("description")) {
					descriptions.put(to + name.substring(from.length()),
							property.get("description").asText().replaceAll("\\{@code ([^}]*)}", "$1"));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("the settings metadata in the jar cannot be read (" + file + ")", ex);
		}
	}

	private static Walk walk() {
		Walk walk = new Walk(new ArrayList<>(), new ArrayList<>());
		for (Map.Entry<String, Class<? extends Record>> entry : RECORDS) {
			collect(entry.getKey(), entry.getValue(), walk);
		}
		return new Walk(List.copyOf(walk.settings()), List.copyOf(walk.sources()));
	}

	private static void collect(String group, Class<?> record, Walk walk) {
		if (record.isAnnotationPresent(ConfigurationPropertiesSource.class)) {
			walk.sources().add(Map.entry(group, record));
		}
		RecordComponent[] components = record.getRecordComponents();
		Parameter[] parameters = canonicalConstructor(record, components).getParameters();
		for (int i = 0; i < components.length; i++) {
			Name named = parameters[i].getAnnotation(Name.class);
			String own = named != null ? named.value() : DataObjectPropertyName.toDashedForm(components[i].getName());
			String name = group + own;
			Class<?> type = components[i].getType();
			if (type.isRecord()) {
				// a group bound at this record's own prefix (@Name("")) adds nothing to the names
				collect(own.isEmpty() ? group : name + ".", type, walk);
				continue;
			}
			DefaultValue defaults = parameters[i].getAnnotation(DefaultValue.class);
			String defaultValue = defaults == null || defaults.value().length == 0 ? null : defaults.value()[0];
			List<String> choices = type.isEnum() ? Arrays.stream(type.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
				.toList() : CHOICES.getOrDefault(name, List.of());
			walk.settings().add(new Setting(name, "bgm." + name, type, defaultValue, choices));
		}
	}

	private static Constructor<?> canonicalConstructor(Class<?> record, RecordComponent[] components) {
		try {
			return record.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(record + " has no canonical constructor", ex);
		}
	}

}
