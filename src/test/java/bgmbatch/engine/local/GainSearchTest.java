package bgmbatch.engine.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GainSearchTest {

	@Test
	void withoutALimiterOneTryIsEnough() {
		Mixdown.GainSearch search = new Mixdown.GainSearch(-14);
		search.tried(3, -16.5);
		assertThat(search.next()).isCloseTo(5.5, within(1e-9));
	}

	@Test
	void aLimiterThatTookLoudnessMakesTheFirstStepLarger() {
		Mixdown.GainSearch search = new Mixdown.GainSearch(-14);
		search.limiterTook(1.6);
		search.tried(6, -15.2);
		assertThat(search.next()).isCloseTo(8, within(1e-9));
	}

	@Test
	void twoTriesFollowTheLineThroughThem() {
		Mixdown.GainSearch search = new Mixdown.GainSearch(-14);
		search.limiterTook(1.6);
		search.tried(6, -16);
		search.tried(9, -14.5);
		assertThat(search.next()).isCloseTo(10, within(1e-9));
	}

}
