package bgmbatch.settings;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@code bgm.*} settings as beans: the one bound record, and a bean per group so a
 * feature takes only the group it reads.
 */
@Configuration(proxyBeanMethods = false)
public class SettingsConfiguration {

	@Bean
	BgmProperties bgmProperties(Environment environment) {
		return BgmProperties.bind(Binder.get(environment));
	}

	@Bean
	RunProperties runProperties(BgmProperties properties) {
		return properties.run();
	}

	@Bean
	OperatorProperties operatorProperties(BgmProperties properties) {
		return properties.operator();
	}

	@Bean
	RemoteProperties remoteProperties(BgmProperties properties) {
		return properties.remoteInputs();
	}

}
