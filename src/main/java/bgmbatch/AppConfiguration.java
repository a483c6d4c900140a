package bgmbatch;

import java.io.PrintStream;

import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaProbe;
import bgmbatch.settings.RunProperties;
import bgmbatch.state.StateFolder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared pieces: state folder, console and media tools. The job database is the
 * embedded one ({@link EmbeddedDatabaseConfiguration}) unless {@code spring.datasource.url}
 * names a shared one ({@link SharedDatabaseConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class AppConfiguration {

	@Bean
	StateFolder stateFolder(RunProperties properties) {
		StateFolder state = StateFolder.of(properties.stateDir());
		state.ensureWritable();
		return state;
	}

	@Bean
	PrintStream console() {
		return System.out;
	}

	@Bean
	CommandRunner commandRunner() {
		return new CommandRunner();
	}

	@Bean
	MediaProbe mediaProbe(CommandRunner runner) {
		return new MediaProbe(runner);
	}

}
