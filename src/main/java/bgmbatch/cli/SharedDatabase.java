package bgmbatch.cli;

import java.util.List;
import java.util.Optional;

/**
 * A shared job database (PostgreSQL) named on the command line or in the environment
 * ({@code spring.datasource.url}, {@code SPRING_DATASOURCE_URL}, with the username and
 * password beside it): the commands then read it rather than the state folder's files.
 */
record SharedDatabase(String url, String username, String password) {

	static Optional<SharedDatabase> of(List<String> springArguments) {
		return setting(springArguments, "url").filter((url) -> !url.isBlank())
			.map((url) -> new SharedDatabase(url, setting(springArguments, "username").orElse(null),
					setting(springArguments, "password").orElse(null)));
	}

	private static Optional<String> setting(List<String> springArguments, String name) {
		String prefix = "--spring.datasource." + name + "=";
		Optional<String> value = Optional.empty();
		for (String arg : springArguments) {
			if (arg.startsWith(prefix)) {
				value = Optional.of(arg.substring(prefix.length()));
			}
		}
		return value.or(() -> Optional.ofNullable(System.getenv("SPRING_DATASOURCE_" + name.toUpperCase(java.util.Locale.ROOT))));
	}

}
