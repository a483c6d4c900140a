package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import bgmbatch.engine.Plan;

/**
 * Everything the local engine will do to one item: the instruction as understood, fitted
 * to this video (its length, its audio, its codec) and to the chosen music.
 *
 * @param instruction what the instruction asked for
 * @param music the music file
 * @param musicLabel how the plan names the music ("library/calm-02.mp3", "built-in/calm")
 * @param fromManifest whether the manifest named the music (then the mood does not choose it)
 * @param original what happens to the video's own audio
 * @param audioTracks how many audio tracks the video has
 * @param durationSeconds the video's duration; the output lasts exactly as long
 * @param startSeconds where the music starts
 * @param endSeconds where the music ends
 * @param fadeInSeconds the fade-in, fitted to the music's time
 * @param fadeOutSeconds the fade-out, fitted to the music's time
 * @param ducking whether the music dips under the original audio
 * @param video how the video stream gets into the output
 * @param extras what happens to the input's subtitles, timecode, chapters and other streams
 * @param truePeakDbtp the ceiling no sample of the delivered sound may pass, measured 4× oversampled
 * @param warnings what was not understood or had to be changed, for the operator
 */
public record MixPlan(Instruction instruction, Path music, String musicLabel, boolean fromManifest,
		Original original, int audioTracks, double durationSeconds, double startSeconds, double endSeconds,
		double fadeInSeconds, double fadeOutSeconds, boolean ducking, VideoHandling video, ExtraStreams extras,
		double truePeakDbtp, List<String> warnings) {

	public MixPlan {
		warnings = List.copyOf(warnings);
	}

	/** What happens to the video's own audio. */
	public enum Original {

		KEPT, REPLACED, NONE;

	}

	/**
	 * @param streamIndex the index of the video stream in the input
	 * @param codec its codec
	 * @param copy whether it is copied as it is
	 * @param scaleToHeight the height it is scaled down to, 0 to keep its size
	 * @param reason why it is re-encoded, or null when copied
	 */
	public record VideoHandling(int streamIndex, String codec, boolean copy, int scaleToHeight, String reason) {

	}

	public boolean mixesOriginal() {
		return this.original == Original.KEPT;
	}

	public double bedSeconds() {
		return this.endSeconds - this.startSeconds;
	}

	/**
	 * The plan in parts, for the ledger, the report and {@code explain=true}: each part as
	 * the plan's line names it ({@code fade-out=3s}) and as a report card says it ({@code fade
	 * out 3 s}, nothing for a default a card need not repeat).
	 */
	public Plan describe() {
		List<Plan.Part> parts = new ArrayList<>();
		parts.add(new Plan.Part("music", "music", this.musicLabel + (this.fromManifest ? " (from the manifest)"
				: " (mood " + this.instruction.mood() + (this.instruction.moodAsked() ? "" : ", default") + ")"),
				musicCard()));
		String volume = Math.round(this.instruction.volume() * 100) + "%";
		parts.add(new Plan.Part("level", "volume",
				volume + (this.instruction.volumeAsked() == null ? "" : " (" + this.instruction.volumeAsked() + ")"),
				"music at " + volume));
		parts.add(fade("in", this.fadeInSeconds));
		parts.add(fade("out", this.fadeOutSeconds));
		parts.add(new Plan.Part("ducking", "ducking",
				this.ducking ? "on (-" + seconds(this.instruction.duckingDb()) + " dB)" : "off",
				this.ducking ? "ducks under speech" : null));
		String original = this.original.name().toLowerCase(Locale.ROOT);
		parts.add(new Plan.Part("note", "original", original, switch (this.original) {
			case KEPT -> null;
			case NONE -> "no original sound";
			case REPLACED -> "original replaced";
		}));
		String preset = preset(this.instruction.loudnessLufs());
		String loudness = seconds(this.instruction.loudnessLufs()) + " LUFS" + (preset == null ? "" : " (" + preset + ")");
		parts.add(new Plan.Part("target", "loudness", loudness, "target " + loudness));
		parts.add(new Plan.Part("target", "true-peak", seconds(this.truePeakDbtp) + " dBTP",
				"true peak under " + seconds(this.truePeakDbtp) + " dBTP"));
		if (this.startSeconds > 0 || this.endSeconds < this.durationSeconds) {
			parts.add(new Plan.Part("music", "music-time", seconds(this.startSeconds) + "s-" + seconds(this.endSeconds) + "s",
					"music " + seconds(this.startSeconds) + "–" + seconds(this.endSeconds) + " s"));
		}
		if (!this.instruction.loop()) {
			parts.add(new Plan.Part("music", "loop", "off", "plays once"));
		}
		if (this.audioTracks > 1 && this.original != Original.NONE) {
			parts.add(new Plan.Part("note", "audio", "first of " + this.audioTracks + " tracks",
					"first of " + this.audioTracks + " audio tracks"));
		}
		parts.add(this.video.copy() ? new Plan.Part("video", "video", "copied", "video copied")
				: new Plan.Part("video", "video", "re-encoded (" + this.video.reason() + ")",
						"video re-encoded: " + this.video.reason()));
		String streams = this.extras.describe();
		if (!streams.isEmpty()) {
			parts.add(new Plan.Part("note", "streams", streams, "streams " + streams));
		}
		return new Plan(parts, this.warnings, null);
	}

	/** {@code ♪ calm, built-in}, {@code ♪ library/calm-02.mp3, calm (default mood)}; the manifest's file by its name. */
	private String musicCard() {
		if (this.fromManifest) {
			return "♪ " + this.musicLabel;
		}
		String mood = this.instruction.moodAsked() ? "" : " (default mood)";
		return this.musicLabel.startsWith(BuiltinMusic.PREFIX)
				? "♪ " + this.musicLabel.substring(BuiltinMusic.PREFIX.length()) + ", built-in" + mood
				: "♪ " + this.musicLabel + ", " + this.instruction.mood() + mood;
	}

	private static Plan.Part fade(String way, double seconds) {
		return new Plan.Part("fade", "fade-" + way, seconds(seconds) + "s",
				seconds == 0 ? null : "fade " + way + " " + seconds(seconds) + " s");
	}

	static String seconds(double value) {
		return InstructionParser.format(value);
	}

	/** The delivery spec a target stands for, as people name it. */
	static String preset(double lufs) {
		if (lufs == InstructionParser.BROADCAST_LOUDNESS) {
			return "EBU R128 broadcast";
		}
		if (lufs == InstructionParser.PODCAST_LOUDNESS) {
			return "podcast";
		}
		return lufs == InstructionParser.DEFAULT_LOUDNESS ? "streaming" : null;
	}

	/** Fits an instruction to one video and one music file. */
	static MixPlan fit(Instruction instruction, Path music, String musicLabel, boolean fromManifest, String musicNote,
			boolean videoHasAudio, int audioTracks, double duration, VideoHandling video, ExtraStreams extras,
			double truePeakDbtp) {
		List<String> warnings = new ArrayList<>(instruction.warnings());
		if (musicNote != null) {
			warnings.add(musicNote);
		}
		Original original = !videoHasAudio ? Original.NONE : instruction.keepOriginal() ? Original.KEPT : Original.REPLACED;
		double start = instruction.startSeconds();
		if (start >= duration) {
			warnings.add("the music was to start at " + seconds(start) + " s but the video lasts "
					+ String.format(Locale.ROOT, "%.1f", duration) + " s; it starts at 0 s");
			start = 0;
		}
		double end = instruction.endSeconds() == null ? duration : instruction.endSeconds();
		if (end > duration) {
			if (instruction.endSeconds() != null) {
				warnings.add("the music was to stop at " + seconds(end) + " s but the video lasts "
						+ String.format(Locale.ROOT, "%.1f", duration) + " s; it stops at the end");
			}
			end = duration;
		}
		double bed = end - start;
		double fadeIn = instruction.fadeInSeconds();
		// the default fade-out is a courtesy, so on a short clip it shrinks instead of eating the music
		double fadeOut = instruction.fadeOutAsked() ? instruction.fadeOutSeconds()
				: Math.min(instruction.fadeOutSeconds(), Math.floor(bed / 3 * 10) / 10);
		if (fadeIn + fadeOut > bed && !instruction.fadeOutAsked()) {
			fadeOut = Math.max(0, Math.floor((bed - fadeIn) * 10) / 10);
		}
		if (fadeIn + fadeOut > bed) {
			double scale = bed / (fadeIn + fadeOut);
			warnings.add("the fades (" + seconds(fadeIn) + " s + " + seconds(fadeOut) + " s) are longer than the music's "
					+ String.format(Locale.ROOT, "%.1f", bed) + " s; shortened to fit");
			fadeIn = Math.floor(fadeIn * scale * 10) / 10;
			fadeOut = Math.floor(fadeOut * scale * 10) / 10;
		}
		boolean ducking = instruction.ducking();
		if (ducking && original != Original.KEPT) {
			warnings.add("ducking needs the original audio under the music; there is none, so it is off");
			ducking = false;
		}
		return new MixPlan(instruction, music, musicLabel, fromManifest, original, audioTracks, duration, start, end,
				fadeIn, fadeOut, ducking, video, extras, truePeakDbtp, warnings);
	}

}
