package bgmbatch.report;

import java.util.List;

import bgmbatch.engine.Plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A card's labels come from the plan's parts; a plan an older version kept as one line is read from its wording. */
class PlanTextTest {

	@Test
	void aPlansLabelsAreItsPartsLabelsInOrderThenItsMeasurementsWithoutReadingItsLine() {
		// values a reader of the line would misread: an "=" inside a value, "; " and ", " inside a measurement
		Plan plan = new Plan(List.of(new Plan.Part("music", "music", "a=b.mp3 (from the manifest)", "♪ a=b.mp3"),
				new Plan.Part("level", "volume", "35% (quiet)", "music at 35%"),
				new Plan.Part("fade", "fade-in", "0s", null),
				new Plan.Part("target", "loudness", "-23 LUFS (EBU R128 broadcast)", "target -23 LUFS (EBU R128 broadcast)")),
				List.of("several moods asked (calm, upbeat); used upbeat"),
				new Plan.Measured(
						List.of(new Plan.Group("measured", List.of("original -26.6 LUFS", "final gain +12.3 dB")),
								new Plan.Group("output", List.of("integrated -23.1 LUFS (target -23 ±1.0)", "corrected once"))),
						List.of("the output measures -20.0 LUFS, 3.0 LU from the -23 LUFS target")));

		PlanText text = PlanText.of(plan);

		assertThat(text.labels()).containsExactly(new PlanText.Label("music", "♪ a=b.mp3"),
				new PlanText.Label("level", "music at 35%"),
				new PlanText.Label("target", "target \u221223 LUFS (EBU R128 broadcast)"),
				new PlanText.Label("measured", "original \u221226.6 LUFS"),
				new PlanText.Label("measured", "final gain +12.3 dB"),
				new PlanText.Label("measured", "output: integrated \u221223.1 LUFS (target \u221223 ±1.0)"),
				new PlanText.Label("measured", "corrected once"),
				new PlanText.Label("measured", "⚠ the output measures \u221220.0 LUFS, 3.0 LU from the \u221223 LUFS target"));
		assertThat(text.warnings()).containsExactly("several moods asked (calm, upbeat); used upbeat");
		assertThat(plan.text()).isEqualTo("music=a=b.mp3 (from the manifest) volume=35% (quiet) fade-in=0s"
				+ " loudness=-23 LUFS (EBU R128 broadcast) warnings: several moods asked (calm, upbeat); used upbeat"
				+ " | measured: original -26.6 LUFS, final gain +12.3 dB; output: integrated -23.1 LUFS (target -23 ±1.0),"
				+ " corrected once; warnings: the output measures -20.0 LUFS, 3.0 LU from the -23 LUFS target");
	}

	@Test
	void aPlanAnOlderVersionKeptAsOneLineIsReadFromItsWording() {
		PlanText text = PlanText.of(Plan.line("music=built-in/calm (mood calm, default) volume=35% (quiet) fade-in=2s"
				+ " ducking=off original=none warnings: not understood: \"sparkly\" | measured: music -17.2 LUFS"));

		assertThat(text.labels()).containsExactly(new PlanText.Label("music", "♪ calm, built-in (default mood)"),
				new PlanText.Label("level", "music at 35%"), new PlanText.Label("fade", "fade in 2 s"),
				new PlanText.Label("note", "no original sound"), new PlanText.Label("measured", "music \u221217.2 LUFS"));
		assertThat(text.warnings()).containsExactly("not understood: \"sparkly\"");
	}

	@Test
	void aCloudEnginesPlanIsItsNote() {
		Plan plan = Plan.note("nemo: added calm music", "NemoVideo: added calm music");

		assertThat(PlanText.of(plan).labels()).containsExactly(new PlanText.Label("note", "NemoVideo: added calm music"));
		assertThat(plan.text()).isEqualTo("nemo: added calm music");
		assertThat(plan.line()).isEmpty();
	}

}
