package bgmbatch;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Decides, once the settings are known, whether this start uses the bean definitions that
 * Spring AOT prepared when the jar was built ({@code process-aot}) instead of finding them
 * at start-up: measured on 2 cores, plain {@code java -jar} had its first item under way
 * 0.4 s sooner (2.5 s instead of 2.9 s, medians of 5).
 * <p>
 * Those definitions are frozen: every condition was decided at build time with default
 * settings, and sources added at run time ({@code spring.main.sources}) are ignored. So a
 * start whose settings would change which beans exist starts the ordinary way: each such
 * setting is listed in {@link #FROZEN} with the value the build used (a test keeps the list
 * complete). Everything else is only read when a bean is made, at run time, AOT or not.
 * <p>
 * Only a packaged jar uses them: there the generated classes and the application's were
 * built in one run. A classes folder (tests, an IDE) may hold generated classes older than
 * the sources. An explicit {@code -Dspring.aot.enabled=true|false} wins, except that a
 * frozen setting with another value always turns it off.
 */
public final class AotMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** Spring's switch, read by {@link AotDetector} when the context is created, after this listener. */
	static final String ENABLED = AotDetector.AOT_ENABLED;

	/** The settings that decide which beans exist, with the value the build-time definitions were made for. */
	public static final Map<String, String> FROZEN = Map.of("bgm.engine", "local", "spring.main.sources", "");

	private static final String INITIALIZER = BgmBatchApplication.class.getName() + "__ApplicationContextInitializer";

	private static final Log logger = LogFactory.getLog(AotMode.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (Boolean.getBoolean("spring.aot.processing")) {
			// this is the build making the definitions
			return;
		}
		String explicit = SpringProperties.getProperty(ENABLED);
		boolean wanted = (explicit != null) ? Boolean.parseBoolean(explicit) : packagedWithDefinitions();
		if (!wanted) {
			return;
		}
		String mismatch = mismatch(event.getEnvironment());
		if (mismatch != null) {
			logger.info("starting without the build-time bean definitions: " + mismatch
					+ " decides which beans exist (they were made for the defaults)");
			SpringProperties.setProperty(ENABLED, "false");
			return;
		}
		if (explicit == null) {
			SpringProperties.setProperty(ENABLED, "true");
		}
		logger.info("starting on the bean definitions made when the jar was built (Spring AOT)");
	}

	/** The first frozen setting whose value differs from the build's, as {@code name=value}, or null. */
	static String mismatch(ConfigurableEnvironment environment) {
		for (Map.Entry<String, String> frozen : new TreeMap<>(FROZEN).entrySet()) {
			String value = environment.getProperty(frozen.getKey(), frozen.getValue()).strip();
			if (!value.toLowerCase(Locale.ROOT).equals(frozen.getValue())) {
				return frozen.getKey() + "=" + value;
			}
		}
		return null;
	}

	private static boolean packagedWithDefinitions() {
		ClassLoader loader = BgmBatchApplication.class.getClassLoader();
		CodeSource source = BgmBatchApplication.class.getProtectionDomain().getCodeSource();
		return ClassUtils.isPresent(INITIALIZER, loader) && source != null && isArchive(source.getLocation());
	}

	/** Whether classes come from a jar (plain or nested in the Boot jar) rather than a folder. */
	static boolean isArchive(URL location) {
		if (location == null) {
			return false;
		}
		if (!"file".equals(location.getProtocol())) {
			return true;
		}
		try {
			return !Files.isDirectory(Path.of(location.toURI()));
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** After the logging system is set up (so the decision is in the log), before the context exists. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
