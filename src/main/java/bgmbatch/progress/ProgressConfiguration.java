package bgmbatch.progress;

import java.io.PrintStream;

import bgmbatch.BgmProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
class ProgressConfiguration {

	@Bean
	ProgressDisplay progressDisplay(OperatorProperties settings, BgmProperties properties, PrintStream console) {
		// Java 17: System.console() is null unless both stdin and stdout are a terminal, which is what cron gives us
		return ProgressDisplays.choose(settings, System.console() != null, properties.lanes(), console);
	}

}
