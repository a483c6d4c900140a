package bgmbatch.engine.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExtraStreamsTest {

	private static final String RECORDED = "2/subtitle/subrip/,3/subtitle/hdmv_pgs_subtitle/,4/data/unknown/tmcd,"
			+ "5/data/bin_data/gpmd,6/attachment/ttf/";

	@Test
	void mp4TakesTextSubtitlesAsMovTextAndSaysWhatItCannotCarry() {
		ExtraStreams mp4 = ExtraStreams.choose(RECORDED, 0, "mp4");
		assertThat(mp4.mapped()).extracting(ExtraStreams.Choice::encoder).containsExactly("mov_text");
		assertThat(mp4.describe()).isEqualTo("kept subtitles #2 (subrip) subrip → mov_text, timecode (rewritten from "
				+ "the video's timecode); dropped subtitles #3 (hdmv_pgs_subtitle): MP4 cannot carry picture subtitles "
				+ "of this kind; format=same keeps them, data #5 (gpmd): MP4 cannot carry this data stream, "
				+ "attachment #6 (ttf): MP4 cannot carry attached files");
	}

	@Test
	void matroskaCopiesEverySubtitleAndAttachment() {
		ExtraStreams mkv = ExtraStreams.choose(RECORDED, 2, "mkv");
		assertThat(mkv.mapped()).extracting(ExtraStreams.Choice::encoder).containsExactly("copy", "copy", "copy");
		assertThat(mkv.describe()).startsWith("kept subtitles #2 (subrip) copied, subtitles #3 (hdmv_pgs_subtitle) "
				+ "copied, timecode (kept as a tag), attachment #6 (ttf) copied, 2 chapters; dropped data #5 (gpmd)");
	}

	@Test
	void nothingBesidesPictureAndSoundSaysNothing() {
		assertThat(ExtraStreams.choose("", 0, "mp4").describe()).isEmpty();
	}

}
