package bgmbatch;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class JacksonPreinitializerTest {

	@Test
	void springBootRunsItOnItsBackgroundStartThread() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
			.hasAtLeastOneElementOfType(JacksonPreinitializer.class);
	}

	@Test
	void itDoesWhatARunDoesWithJacksonWithoutFailing() {
		assertThatCode(() -> new JacksonPreinitializer().preinitialize()).doesNotThrowAnyException();
	}

}
