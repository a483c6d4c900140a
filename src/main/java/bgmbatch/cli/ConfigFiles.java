package bgmbatch.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.system.ApplicationHome;

/**
 * The settings files read besides Spring Boot's usual ones ({@code application.properties}
 * in the working folder and its {@code config/}), as Spring Boot's additional config
 * locations, each taking precedence over the one before: the machine's
 * {@value #SYSTEM}, the {@code application.properties} beside the jar (whatever folder
 * a cron line starts in), and a file given with {@code config=FILE}. Arguments and
 * {@code BGM_*} environment variables still win over every file.
 */
final class ConfigFiles {

	/** Where an operator keeps the machine's settings. */
	static final String SYSTEM = "/etc/bgm-batch/bgm-batch.properties";

	private ConfigFiles() {
	}

	/**
	 * The value of {@code spring.config.additional-location}: the optional files, then the
	 * file given (which must exist), if any.
	 */
	static String locations(String given) {
		List<String> locations = new ArrayList<>();
		locations.add("optional:file:" + SYSTEM);
		File jar = new ApplicationHome(ConfigFiles.class).getSource();
		if (jar != null && jar.isFile()) {
			locations.add("optional:file:" + jar.toPath().toAbsolutePath().resolveSibling("application.properties"));
		}
		if (given != null && !given.isBlank()) {
			String file = Path.of(given.strip()).toAbsolutePath().normalize().toString();
			// a file named otherwise (bgm.conf) is read as properties: Spring's hint for the format
			boolean known = file.endsWith(".properties") || file.endsWith(".yml") || file.endsWith(".yaml");
			locations.add("file:" + file + (known ? "" : "[.properties]"));
		}
		return String.join(",", locations);
	}

}
