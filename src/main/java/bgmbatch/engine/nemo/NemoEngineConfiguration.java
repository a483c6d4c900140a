package bgmbatch.engine.nemo;

import bgmbatch.engine.CreditsInFlight;
import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.LocalCopies;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.state.StateFolder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cloud engine, chosen with {@code engine=nemo}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bgm.engine", havingValue = "nemo")
@EnableConfigurationProperties(NemoProperties.class)
class NemoEngineConfiguration {

	@Bean
	NemoClient nemoClient(NemoProperties properties, StateFolder state) {
		return new NemoClient(properties.client(), state.root().resolve("nemo"));
	}

	@Bean
	EditingEngine nemoEngine(NemoClient client, NemoProperties properties, CreditsInFlight inFlight,
			LocalCopies copies) {
		return new NemoEngine(client, properties, inFlight, copies);
	}

}
