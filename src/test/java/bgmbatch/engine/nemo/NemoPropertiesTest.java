package bgmbatch.engine.nemo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class NemoPropertiesTest {

	@Test
	void defaultsFollowTheContract() {
		NemoProperties properties = bind(Map.of());
		assertThat(properties.baseUrl()).isEqualTo("https://mega-api-prod.nemovideo.ai");
		assertThat(properties.token()).isNull();
		assertThat(properties.skillPlatform()).isEqualTo("unknown");
		assertThat(properties.renderTimeout()).isEqualTo(Duration.ofMinutes(20));
		assertThat(properties.sseDropWait()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.statePolls()).isEqualTo(5);
		assertThat(properties.creditsPerItem()).isEqualTo(50);
		assertThat(properties.retryEdit()).isFalse();
		assertThat(properties.max429Retries()).isEqualTo(5);
		assertThat(properties.defaultRetryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void everySettingBindsFromItsKebabCaseName() {
		NemoProperties properties = bind(Map.of("bgm.nemo.base-url", "http://localhost:1/", "bgm.nemo.max429-retries",
				"7", "bgm.nemo.poll-interval", "5ms", "bgm.nemo.token", " nmv_usr_x ", "bgm.nemo.retry-edit", "true"));
		assertThat(properties.baseUrl()).isEqualTo("http://localhost:1");
		assertThat(properties.max429Retries()).isEqualTo(7);
		assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(5));
		assertThat(properties.token()).isEqualTo("nmv_usr_x");
		assertThat(properties.retryEdit()).isTrue();
		assertThat(properties.toString()).doesNotContain("nmv_usr_x");
	}

	@Test
	void anEmptyTokenMeansNone() {
		assertThat(bind(Map.of("bgm.nemo.token", "")).token()).isNull();
	}

	private static NemoProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("bgm.nemo", NemoProperties.class);
	}

}
