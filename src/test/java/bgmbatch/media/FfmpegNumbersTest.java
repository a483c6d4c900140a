package bgmbatch.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegNumbersTest {

	@Test
	void nanAndMinusInfinityAreSilence() {
		assertThat(FfmpegNumbers.level("nan")).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(FfmpegNumbers.level("-nan")).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(FfmpegNumbers.level(" -inf ")).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(FfmpegNumbers.level("NaN")).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void ordinaryLevelsReadAsPrinted() {
		assertThat(FfmpegNumbers.level("-23.4")).isEqualTo(-23.4);
		assertThat(FfmpegNumbers.level("0.6")).isEqualTo(0.6);
		assertThat(FfmpegNumbers.level("inf")).isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void somethingElseIsNotALevel() {
		assertThatThrownBy(() -> FfmpegNumbers.level("LUFS")).isInstanceOf(NumberFormatException.class);
	}

	@Test
	void quantitiesFallBackWhenUnknown() {
		assertThat(FfmpegNumbers.number("60.011000", 0)).isEqualTo(60.011);
		assertThat(FfmpegNumbers.number("N/A", 0)).isZero();
		assertThat(FfmpegNumbers.number(null, -1)).isEqualTo(-1);
		assertThat(FfmpegNumbers.number("nan", 0)).isZero();
	}

}
