package bgmbatch.engine.local;

import java.util.List;
import java.util.Map;

/**
 * What an instruction asks for, before music is chosen or the video is looked at.
 *
 * @param mood the mood the music should have
 * @param moodAsked whether the instruction named the mood (else it is the default)
 * @param volume the music bed's level relative to the original audio's loudness, 1.0 = as loud
 * @param volumeAsked how the instruction put the volume ("-12 dB", "quiet"), or null for the default
 * @param ducking whether the music dips while the original audio is loud (speech)
 * @param duckingDb how far the music dips under speech, in dB
 * @param fadeInSeconds fade-in length at the start of the music, 0 for none
 * @param fadeOutSeconds fade-out length at the end of the music, 0 for none
 * @param fadeOutAsked whether the instruction asked for the fade-out (else it is the default one)
 * @param keepOriginal whether the original audio stays under the music
 * @param startSeconds where in the video the music starts
 * @param endSeconds where in the video the music stops, or null for the end of the video
 * @param loop whether the music repeats to fill its time (else it plays once)
 * @param loudnessLufs the integrated loudness the final mix is brought to
 * @param warnings what in the instruction was not understood or had to be changed
 * @param language the language the instruction was read in ({@code de}); {@code de+en}
 * when words of another language were understood too
 * @param phrases for each part of the plan the instruction set ({@code mood},
 * {@code volume}, {@code fadeIn}, {@code fadeOut}, {@code ducking}, {@code duckingDepth},
 * {@code original}, {@code start}, {@code end}, {@code loop}, {@code loudness}), the phrases
 * that set it
 * @param notUnderstood the words nothing was made of, in order
 */
public record Instruction(String mood, boolean moodAsked, double volume, String volumeAsked, boolean ducking,
		double duckingDb, double fadeInSeconds, double fadeOutSeconds, boolean fadeOutAsked, boolean keepOriginal, double startSeconds,
		Double endSeconds, boolean loop, double loudnessLufs, List<String> warnings, String language,
		Map<String, List<String>> phrases, List<String> notUnderstood) {

	public Instruction {
		warnings = List.copyOf(warnings);
		phrases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phrases));
		notUnderstood = List.copyOf(notUnderstood);
	}

	/** The parts of the plan in the order they are explained, with the phrases behind each. */
	public static final List<String> FIELDS = List.of("mood", "volume", "fadeIn", "fadeOut", "ducking",
			"duckingDepth", "original", "start", "end", "loop", "loudness");

}
