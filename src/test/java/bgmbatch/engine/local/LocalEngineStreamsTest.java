package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import bgmbatch.engine.WorkItem;
import bgmbatch.media.FfmpegNumbers;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Everything besides picture and sound is kept where the container can carry it; the plan says what is not. */
class LocalEngineStreamsTest {

	/** An MKV as people have them: H.264, AAC, English subtitles, two chapters, a title and an attached font. */
	@TempDir
	static Path shared;

	static Path mkv;

	@TempDir
	Path dir;

	@BeforeAll
	static void matroska() throws IOException {
		Path srt = Files.writeString(shared.resolve("subs.srt"),
				"1\n00:00:00,500 --> 00:00:01,500\nHello there\n\n2\n00:00:02,000 --> 00:00:02,800\nSecond line\n");
		Path chapters = Files.writeString(shared.resolve("chapters.txt"), """
				;FFMETADATA1
				title=A film
				[CHAPTER]
				TIMEBASE=1/1000
				START=0
				END=1500
				title=One
				[CHAPTER]
				TIMEBASE=1/1000
				START=1500
				END=3000
				title=Two
				""");
		Path font = Files.write(shared.resolve("font.ttf"), new byte[] { 0, 1, 0, 0, 0, 4, 0, 0 });
		mkv = shared.resolve("film.mkv");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=3", "-f",
				"lavfi", "-i", "sine=f=300:d=3", "-i", srt.toString(), "-i", chapters.toString(), "-attach",
				font.toString(), "-metadata:s:t", "mimetype=application/x-truetype-font", "-map", "0", "-map", "1",
				"-map", "2", "-map_metadata", "3", "-map_chapters", "3", "-metadata:s:s:0", "language=eng", "-c:v",
				"libx264", "-preset", "ultrafast", "-c:a", "aac", "-c:s", "srt", mkv.toString());
	}

	@Test
	void subripInMatroskaBecomesMovTextInMp4AndThePlanSaysWhatWasDropped() {
		WorkItem item = render(mkv, this.dir.resolve("film.mp4"));
		assertThat(Clips.streams(item.partFile())).contains("h264,video", "aac,audio", "mov_text,subtitle");
		assertThat(Clips.run("ffmpeg", "-nostdin", "-v", "error", "-i", item.partFile().toString(), "-map", "0:s:0",
				"-f", "srt", "-")).contains("Hello there").contains("Second line");
		assertThat(chapters(item.partFile())).containsExactly("One", "Two");
		assertThat(tag(item.partFile(), "format_tags=title")).isEqualTo("A film");
		assertThat(item.plan().text()).contains("streams=kept subtitles #2 (subrip) subrip → mov_text, 2 chapters; "
				+ "dropped attachment #3 (ttf): MP4 cannot carry attached files");
	}

	@Test
	void sameFormatMatroskaKeepsSubripChaptersAndAttachments() {
		WorkItem item = render(mkv, this.dir.resolve("film.mkv"));
		assertThat(Clips.streams(item.partFile())).contains("h264,video", "aac,audio", "subrip,subtitle",
				"ttf,attachment");
		assertThat(chapters(item.partFile())).containsExactly("One", "Two");
		assertThat(item.plan().text()).contains("streams=kept subtitles #2 (subrip) copied, attachment #3 (ttf) copied, "
				+ "2 chapters").doesNotContain("dropped");
	}

	@Test
	void timecodeTrackOfAnMp4Survives() {
		Path input = this.dir.resolve("camera.mp4");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=2", "-f",
				"lavfi", "-i", "sine=f=300:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-timecode",
				"01:00:00:00", input.toString());
		WorkItem item = render(input, this.dir.resolve("out.mp4"));
		assertThat(Clips.streams(item.partFile())).contains("h264,video", "aac,audio");
		assertThat(tag(item.partFile(), "stream_tags=timecode")).contains("01:00:00:00");
		assertThat(item.plan().text()).contains("streams=kept timecode (rewritten from the video's timecode)");
	}

	@ParameterizedTest(name = "original audio {0} s against 3 s of video")
	@CsvSource({ "2.6", "3.4" })
	void audioLastsAsLongAsTheVideoWithinOneAudioFrame(double audioSeconds) {
		Path input = this.dir.resolve("clip.mp4");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=3", "-f",
				"lavfi", "-i", "sine=f=300:d=" + audioSeconds, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
				input.toString());
		WorkItem item = render(input, this.dir.resolve("out.mp4"));
		double video = streamSeconds(item.partFile(), "v:0");
		assertThat(video).isCloseTo(3.0, within(0.05));
		assertThat(streamSeconds(item.partFile(), "a:0")).isCloseTo(video, within(1024 / 48000.0));
	}

	private WorkItem render(Path input, Path output) {
		return new Harness(this.dir.resolve("state")).rendered(Harness.item(input, "calm music", null, output));
	}

	private static List<String> chapters(Path file) {
		return List.of(Clips.run("ffprobe", "-v", "error", "-show_entries", "chapter_tags=title", "-of", "csv=p=0",
				file.toString()).strip().split("\\R"));
	}

	private static String tag(Path file, String entries) {
		return Clips.run("ffprobe", "-v", "error", "-show_entries", entries, "-of", "default=nw=1:nk=1",
				file.toString()).strip();
	}

	private static double streamSeconds(Path file, String stream) {
		return FfmpegNumbers.number(Clips.run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
				"stream=duration", "-of", "csv=p=0", file.toString()).strip(), Double.NaN);
	}

}
