package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.IntStream;

import bgmbatch.engine.WorkItem;
import bgmbatch.media.CommandRunner;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the music comes from: the manifest, the user's library, or the built-in tracks. */
class MusicSourcesTest {

	@TempDir
	Path dir;

	private Path library() throws IOException {
		Path library = Files.createDirectories(this.dir.resolve("library"));
		for (String name : List.of("a.wav", "b.wav", "c.wav")) {
			Clips.audio(library.resolve(name), "sine=d=0.3");
		}
		Files.writeString(library.resolve(MusicLibrary.INDEX), """
				file,moods,bpm,license
				a.wav,calm;lo-fi,70,CC-BY
				b.wav,"chill, ambient",80,CC0
				c.wav,energetic,128,CC0
				""");
		return library;
	}

	@Test
	void libraryIndexTagsChooseByMoodAndRotateAcrossItems() throws IOException {
		MusicLibrary library = new MusicLibrary(library(), new FfprobeReader(new CommandRunner()));
		List<String> picks = IntStream.rangeClosed(1, 4)
			.mapToObj((seq) -> library.choose("calm", seq).orElseThrow().track().name())
			.toList();
		assertThat(picks).containsExactly("a.wav", "b.wav", "a.wav", "b.wav");
		assertThat(library.choose("upbeat", 7).orElseThrow().track().name()).isEqualTo("c.wav");
		assertThat(library.choose("calm", 3)).isEqualTo(library.choose("calm", 3));
	}

	@Test
	void aMoodNoTrackHasPicksAmongAllAndSaysSo() throws IOException {
		MusicLibrary library = new MusicLibrary(library(), new FfprobeReader(new CommandRunner()));
		MusicLibrary.Choice choice = library.choose("sad", 1).orElseThrow();
		assertThat(choice.note()).isEqualTo("no library track is tagged sad; chose among all tracks");
	}

	@Test
	void tracksOutsideTheIndexAreTaggedFromTheirMetadata() throws IOException {
		Path library = Files.createDirectories(this.dir.resolve("tagged"));
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "sine=d=0.3", "-metadata",
				"genre=Lo-Fi Hip Hop", library.resolve("track01.mp3").toString());
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "sine=d=0.3", "-metadata",
				"genre=Orchestral", library.resolve("track02.mp3").toString());
		MusicLibrary music = new MusicLibrary(library, new FfprobeReader(new CommandRunner()));
		assertThat(music.choose("calm", 1).orElseThrow().track().name()).isEqualTo("track01.mp3");
		assertThat(music.choose("cinematic", 1).orElseThrow().track().name()).isEqualTo("track02.mp3");
	}

	@Test
	void thePlanNamesTheLibraryTrackAndReruns() throws IOException {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 1, null);
		Harness harness = new Harness(this.dir.resolve("state"), library(), 0);
		WorkItem item = new WorkItem("job", "second", video, "lo-fi music", null, this.dir.resolve("out.mp4"), null,
				java.util.Map.of(), 0, 2);
		String plan = harness.planned(item).plan().text();
		assertThat(plan).startsWith("music=library/b.wav (mood calm) volume=35%");
		assertThat(new Harness(this.dir.resolve("state"), library(), 0).planned(item).plan().text()).isEqualTo(plan);
	}

	@Test
	void manifestMusicWinsOverTheLibrary() throws IOException {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 1, null);
		Path mine = Clips.audio(this.dir.resolve("mine.wav"), "sine=d=0.3");
		WorkItem item = Harness.item(video, "calm music", mine, this.dir.resolve("out.mp4"));
		assertThat(new Harness(this.dir.resolve("state"), library(), 0).planned(item).plan().text())
			.startsWith("music=mine.wav (from the manifest)");
	}

	@Test
	void builtInTracksAreMadeOncePerMoodAndSoundLikeMusic() throws IOException {
		Path folder = this.dir.resolve("music");
		Path calm = new BuiltinMusic(folder, new TrackSynthesizer()).track("calm");
		Path upbeat = new BuiltinMusic(folder, new TrackSynthesizer()).track("upbeat");
		Files.setLastModifiedTime(calm, FileTime.fromMillis(0));
		assertThat(new BuiltinMusic(folder, new TrackSynthesizer()).track("calm")).isEqualTo(calm);
		assertThat(Files.getLastModifiedTime(calm).toMillis()).isZero();
		// each mood has its own tempo: 8 bars of 4 beats
		assertThat(Clips.duration(calm)).isCloseTo(32 * 60.0 / 72, org.assertj.core.api.Assertions.within(0.01));
		assertThat(Clips.duration(upbeat)).isCloseTo(32 * 60.0 / 120, org.assertj.core.api.Assertions.within(0.01));
		assertThat(Clips.loudness(upbeat, null)).isBetween(-30.0, -6.0);
	}

	@Test
	void everyMoodHasABuiltInTrack() {
		assertThat(BuiltinMusic.MOODS.keySet()).containsExactlyInAnyOrderElementsOf(Moods.ALL);
	}

}
