package bgmbatch.engine.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.BgmBatchApplication;
import bgmbatch.cli.Cli;
import bgmbatch.engine.Plan;
import bgmbatch.engine.WorkItem;
import bgmbatch.support.Clips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each stage can run again after a crash, and explain=true renders nothing. */
class LocalEngineStagesTest {

	@TempDir
	Path dir;

	@Test
	void exportRunTwiceGivesTheSameSoundAndDownloadRemakesALostRender() throws IOException {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 2, "sine=f=300:d=2");
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=1");
		Harness harness = new Harness(this.dir.resolve("state"));
		WorkItem planned = harness.planned(Harness.item(video, "music at 40%", music, this.dir.resolve("out.mp4")));
		WorkItem first = Harness.apply(planned, harness.engine().export(planned, Harness.NO_JOURNAL));
		double firstLevel = Clips.loudness(first.partFile(), null);
		WorkItem second = Harness.apply(first, harness.engine().export(first, Harness.NO_JOURNAL));
		assertThat(second.plan()).isEqualTo(first.plan());
		assertThat(second.plan().text().split("measured:", -1)).hasSize(2);
		assertThat(Clips.loudness(second.partFile(), null)).isEqualTo(firstLevel);
		Files.delete(second.partFile());
		harness.engine().download(second, Harness.NO_JOURNAL);
		assertThat(second.partFile()).isNotEmptyFile();
	}

	@Test
	void anItemPlannedByAnOlderVersionWithOneTextHandlePerValueRendersTheSame() throws IOException {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 2, "sine=f=300:d=2");
		Path music = Clips.audio(this.dir.resolve("tone.wav"), "sine=f=4000:d=1");
		Harness harness = new Harness(this.dir.resolve("state"));
		WorkItem planned = harness.planned(Harness.item(video, "music at 40%", music, this.dir.resolve("out.mp4")));
		WorkItem typed = Harness.apply(planned, harness.engine().export(planned, Harness.NO_JOURNAL));
		// the handles as versions before the typed state wrote them: each value its own text
		ProbedInput input = ProbedInput.of(planned.handles());
		MusicChoice choice = MusicChoice.of(planned.handles());
		Map<String, String> legacy = new HashMap<>();
		legacy.put("duration", Double.toString(input.durationSeconds()));
		legacy.put("streams", input.streams());
		legacy.put("chapters", Integer.toString(input.chapters()));
		legacy.put("hasAudio", Boolean.toString(input.hasAudio()));
		legacy.put("audioTracks", Integer.toString(input.audioTracks()));
		legacy.put("videoIndex", Integer.toString(input.videoIndex()));
		legacy.put("videoCodec", input.videoCodec());
		legacy.put("displayHeight", Integer.toString(input.displayHeight()));
		legacy.put("music", choice.file());
		legacy.put("musicLabel", choice.label());
		legacy.put("musicSeconds", Double.toString(choice.seconds()));
		WorkItem old = planned.withHandles(legacy)
			.withPlan(Plan.line(planned.plan().text() + " | measured: music -20.0 LUFS, from a render of an older version"));
		WorkItem rendered = Harness.apply(old, harness.engine().export(old, Harness.NO_JOURNAL));
		assertThat(rendered.plan()).isEqualTo(typed.plan());
		assertThat(rendered.handles().get(MeasuredMix.HANDLE)).isNotNull();
		assertThat(Files.size(rendered.partFile())).isPositive();
	}

	@Test
	void theMeasuredPlanIsRenderedFromThePlanAndTheRecordedMeasurement() throws IOException {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 2, "sine=f=300:d=2");
		Harness harness = new Harness(this.dir.resolve("state"));
		WorkItem rendered = harness.rendered(Harness.item(video, "calm music", null, this.dir.resolve("out.mp4")));
		MeasuredMix measured = StateJson.read(rendered.handle(MeasuredMix.HANDLE), MeasuredMix.class);
		assertThat(rendered.plan()).isEqualTo(measured.describe(harness.engine().plan(rendered)));
		assertThat(rendered.plan().text()).startsWith(harness.engine().plan(rendered).describe().text() + " | measured: ");
		assertThat(measured.integratedLufs()).isCloseTo(-14, org.assertj.core.data.Offset.offset(1.0));
	}

	@Test
	void editIsPureAndGivesTheSamePlanEveryTime() {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 1, null);
		Harness harness = new Harness(this.dir.resolve("state"));
		WorkItem item = Harness.item(video, "epic music, fade in over 2 seconds", null, this.dir.resolve("out.mp4"));
		WorkItem uploaded = Harness.apply(item, harness.engine().upload(item, Harness.NO_JOURNAL));
		Plan plan = harness.engine().edit(uploaded, Harness.NO_JOURNAL).plan();
		assertThat(harness.engine().edit(uploaded, Harness.NO_JOURNAL).plan()).isEqualTo(plan);
		assertThat(plan.text()).isEqualTo("music=built-in/cinematic (mood cinematic) volume=35% fade-in=1s fade-out=0s "
				+ "ducking=off original=none loudness=-14 LUFS (streaming) true-peak=-1 dBTP video=copied warnings: the fades (2 s + 0 s) are longer "
				+ "than the music's 1.0 s; shortened to fit");
	}

	@Test
	void thePlansPartsCarryWhatTheReportsCardsSayLeavingOutTheDefaults() {
		Path video = Clips.video(this.dir.resolve("clip.mp4"), 2, "sine=f=300:d=2");
		Harness harness = new Harness(this.dir.resolve("state"));
		WorkItem item = Harness.item(video, "calm music at 30%, fade out over 1 second", null, this.dir.resolve("out.mp4"));

		Plan plan = harness.planned(item).plan();

		assertThat(plan.parts()).extracting(Plan.Part::kind, Plan.Part::label)
			.containsExactly(tuple("music", "♪ calm, built-in"), tuple("level", "music at 30%"), tuple("fade", null),
					tuple("fade", "fade out 1 s"), tuple("ducking", null), tuple("note", null),
					tuple("target", "target -14 LUFS (streaming)"), tuple("target", "true peak under -1 dBTP"),
					tuple("video", "video copied"));
		assertThat(plan.measured()).isNull();
		assertThat(plan.line()).isEmpty();
	}

	@Test
	void explainPrintsEachPlanAndRendersNothing() throws IOException {
		manifestWithOneVideo("""
				video,instruction,id
				a.mp4,"calm music, duck under speech, tropical vibes",first
				missing.mp4,upbeat,second
				""");
		StringBuilder printed = new StringBuilder();
		assertThat(explain("true", printed)).isZero();
		assertThat(printed).contains("first: music=built-in/calm (mood calm) volume=35% fade-in=0s fade-out=0.3s "
				+ "ducking=on (-12 dB) original=kept loudness=-14 LUFS (streaming) true-peak=-1 dBTP video=copied "
				+ "warnings: not understood: \"tropical\"");
		assertThat(printed).contains("    mood calm          from \"calm\"")
			.contains("    ducking on         from \"duck under speech\"");
		assertThat(printed).contains("second: would be skipped: the video");
		assertThat(this.dir.resolve("out").resolve("a.mp4")).doesNotExist();
	}

	@Test
	void explainJsonPrintsOneObjectPerRowWithThePhrasesBehindThePlan() throws IOException {
		manifestWithOneVideo("""
				video,instruction,id,language
				a.mp4,"musica calma, sem fade out, saxofone",first,pt
				missing.mp4,upbeat,second,
				""");
		StringBuilder printed = new StringBuilder();
		assertThat(explain("json", printed)).isZero();
		List<String> lines = printed.toString().lines().filter((l) -> l.startsWith("{")).toList();
		assertThat(lines).hasSize(2);
		JsonNode first = new ObjectMapper().readTree(lines.get(0));
		assertThat(first.get("id").asText()).isEqualTo("first");
		assertThat(first.get("language").asText()).isEqualTo("pt");
		assertThat(first.at("/plan/mood").asText()).isEqualTo("calm");
		assertThat(first.at("/plan/fadeOutSeconds").asDouble()).isZero();
		assertThat(first.at("/phrases/fadeOut/0").asText()).isEqualTo("sem fade out");
		assertThat(first.at("/notUnderstood/0").asText()).isEqualTo("saxofone");
		assertThat(first.at("/warnings/0").asText()).contains("not understood");
		assertThat(new ObjectMapper().readTree(lines.get(1)).get("skipped").asText()).contains("does not exist");
	}

	@Test
	void explainShowsTheDuckingDepthAndTheLoudnessPresetWithThePhrasesBehindThem() throws IOException {
		manifestWithOneVideo("""
				video,instruction,id
				a.mp4,"für einen Podcast, Musik beim Sprechen um 10 dB absenken",first
				""");
		StringBuilder people = new StringBuilder();
		assertThat(explain("true", people)).isZero();
		assertThat(people).contains("ducking=on (-10 dB)").contains("loudness=-16 LUFS (podcast)")
			.contains("    ducking -10 dB              from \"10 db\"")
			.contains("    loudness -16 LUFS (podcast) from \"podcast\"");
		StringBuilder machines = new StringBuilder();
		assertThat(explain("json", machines)).isZero();
		String line = machines.toString().lines().filter((l) -> l.startsWith("{")).findFirst().orElseThrow();
		JsonNode first = new ObjectMapper().readTree(line);
		assertThat(first.at("/plan/ducking").asBoolean()).isTrue();
		assertThat(first.at("/plan/duckingDb").asDouble()).isEqualTo(10);
		assertThat(first.at("/plan/loudnessLufs").asDouble()).isEqualTo(-16);
		assertThat(first.at("/plan/loudnessPreset").asText()).isEqualTo("podcast");
		assertThat(first.at("/plan/truePeakDbtp").asDouble()).isEqualTo(-1);
		assertThat(first.at("/phrases/duckingDepth/0").asText()).isEqualTo("10 db");
		assertThat(first.at("/phrases/loudness/0").asText()).isEqualTo("podcast");
	}

	/** Writes videos.csv and the one-second a.mp4 (with sound) its rows may name. */
	private void manifestWithOneVideo(String csv) throws IOException {
		Clips.video(this.dir.resolve("a.mp4"), 1, "sine=d=1");
		Files.writeString(this.dir.resolve("videos.csv"), csv);
	}

	private int explain(String mode, StringBuilder printed) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream previous = System.out;
		int code;
		System.setOut(console);
		try {
			code = new Cli(console, console, BgmBatchApplication::application).run(new String[] { "manifest=" + this.dir.resolve("videos.csv"),
					"output=" + this.dir.resolve("out"), "state-dir=" + this.dir.resolve("state"), "explain=" + mode });
		}
		finally {
			System.setOut(previous);
		}
		printed.append(out.toString(StandardCharsets.UTF_8));
		return code;
	}

}
