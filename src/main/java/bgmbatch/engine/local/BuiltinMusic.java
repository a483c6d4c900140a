package bgmbatch.engine.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built-in tracks, one per mood, generated once into the state folder and reused.
 * The parameters live here, in code, rather than as binary files in the repository.
 */
public final class BuiltinMusic {

	/** How a plan names a built-in track: this, then its mood ({@code built-in/calm}). */
	static final String PREFIX = "built-in/";

	public static final String DEFAULT_MOOD = Moods.DEFAULT;

	/** Tempo, key, scale, progression and texture of each mood. */
	static final Map<String, TrackSynthesizer.Mood> MOODS = Map.of(
			"upbeat", new TrackSynthesizer.Mood("upbeat", 120, 60, false, new int[] { 0, 4, 5, 3 }, 2, true),
			"calm", new TrackSynthesizer.Mood("calm", 72, 57, false, new int[] { 0, 3, 5, 4 }, 0, true),
			"cinematic", new TrackSynthesizer.Mood("cinematic", 90, 50, true, new int[] { 0, 5, 2, 6 }, 1, false),
			"sad", new TrackSynthesizer.Mood("sad", 66, 57, true, new int[] { 0, 5, 3, 4 }, 0, true),
			"corporate", new TrackSynthesizer.Mood("corporate", 110, 62, false, new int[] { 0, 5, 3, 4 }, 2, true),
			"ambient", new TrackSynthesizer.Mood("ambient", 60, 52, false, new int[] { 0, 3, 0, 4 }, 0, false),
			"acoustic", new TrackSynthesizer.Mood("acoustic", 96, 55, false, new int[] { 0, 3, 4, 0 }, 1, true),
			"electronic", new TrackSynthesizer.Mood("electronic", 126, 53, true, new int[] { 0, 5, 6, 4 }, 2, true));

	private final Path folder;

	private final TrackSynthesizer synthesizer;

	public BuiltinMusic(Path folder, TrackSynthesizer synthesizer) {
		this.folder = folder;
		this.synthesizer = synthesizer;
	}

	/** The track of the mood (the default mood when unknown), generated on first use. */
	public synchronized Path track(String mood) {
		TrackSynthesizer.Mood spec = MOODS.getOrDefault(mood == null ? DEFAULT_MOOD : mood, MOODS.get(DEFAULT_MOOD));
		Path file = this.folder.resolve("builtin-" + spec.name() + ".wav");
		if (!Files.isRegularFile(file)) {
			try {
				this.synthesizer.write(spec, file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write the built-in track " + file, ex);
			}
		}
		return file;
	}

}
