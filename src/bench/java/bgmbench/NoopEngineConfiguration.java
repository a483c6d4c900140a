package bgmbench;

import java.nio.file.Path;

import bgmbatch.engine.EditingEngine;
import bgmbatch.media.MediaProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Selects the {@link NoopEngine} with {@code engine=noop}. It lives outside the
 * application's packages, so only a benchmark that adds it with
 * {@code --spring.main.sources=bgmbench.NoopEngineConfiguration} ever sees it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bgm.engine", havingValue = "noop")
public class NoopEngineConfiguration {

	@Bean
	EditingEngine noopEngine(@Value("${bench.noop.template}") Path template, MediaProbe probe) {
		return new NoopEngine(template, probe.probe(template).durationSeconds());
	}

}
