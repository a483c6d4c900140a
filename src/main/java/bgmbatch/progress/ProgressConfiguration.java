package bgmbatch.progress;

import java.io.PrintStream;

import bgmbatch.settings.OperatorProperties;
import bgmbatch.settings.RunProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProgressConfiguration {

	@Bean
	ProgressDisplay progressDisplay(OperatorProperties settings, RunProperties properties, PrintStream console) {
		// Java 17: System.console() is null unless both stdin and stdout are a terminal, which is what cron gives us;
		// a terminal that says it is dumb (Emacs' shell) cannot move its cursor, so it gets plain lines too
		boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
		return ProgressDisplays.choose(settings, terminal, properties.lanes(), console);
	}

}
