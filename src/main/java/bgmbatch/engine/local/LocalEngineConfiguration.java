package bgmbatch.engine.local;

import bgmbatch.engine.EditingEngine;
import bgmbatch.media.CommandRunner;
import bgmbatch.settings.RunProperties;
import bgmbatch.state.StateFolder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The local engine is the default: chosen unless {@code engine} names another. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bgm.engine", havingValue = "local", matchIfMissing = true)
class LocalEngineConfiguration {

	@Bean
	EditingEngine localEngine(CommandRunner runner, StateFolder state, RunProperties properties) {
		return new LocalEngine(runner, new InstructionParser(),
				new BuiltinMusic(state.root().resolve("music"), new TrackSynthesizer()), properties.musicLibrary(),
				properties.maxHeight(), properties.truePeak(), properties.ffmpegTimeout());
	}

}
