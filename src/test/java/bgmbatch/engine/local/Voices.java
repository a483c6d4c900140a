package bgmbatch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import bgmbatch.support.Clips;

/**
 * Realistic originals for the sound tests: synthesized speech (espeak-ng) with pauses,
 * bursts, room tone, all made with ffmpeg into small clips. Levels are set with ffmpeg's
 * own loudness meter so each clip is what its name says whatever espeak's version.
 */
final class Voices {

	static final String SENTENCE = "The quick brown fox jumps over the lazy dog. We measure the loudness of this "
			+ "sentence, and then we pause. After the pause the speaker talks about the weather and the trains.";

	/** Where the bursts of {@link #withBursts} start: six of them, two seconds apart. */
	static final double[] BURSTS = { 0.7, 2.7, 4.7, 6.7, 8.7, 10.7 };

	private Voices() {
	}

	/** espeak-ng's voice reading a text, as a 48 kHz mono WAV. */
	static Path speech(Path wav, String text) {
		Path raw = wav.resolveSibling(wav.getFileName() + ".espeak.wav");
		Clips.run("espeak-ng", "-s", "150", "-w", raw.toString(), text);
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", raw.toString(), "-af", "aresample=48000",
				wav.toString());
		return wav;
	}

	/**
	 * Words of exactly half a second with 0.2 s of digital silence after each, as a
	 * sentence is spoken: one espeak-ng call per word, cut or padded to length.
	 */
	static Path words(Path wav, List<String> words) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
		StringBuilder graph = new StringBuilder();
		for (int i = 0; i < words.size(); i++) {
			Path word = speech(wav.resolveSibling(wav.getFileName() + ".word" + i + ".wav"), words.get(i));
			command.addAll(List.of("-i", word.toString()));
			// espeak's leading silence trimmed, so each word starts on its slot
			graph.append('[').append(i).append(":a]silenceremove=start_periods=1:start_threshold=-50dB,")
				.append("apad=whole_dur=0.5,atrim=0:0.5,apad=whole_dur=0.7[w").append(i).append("];");
		}
		for (int i = 0; i < words.size(); i++) {
			graph.append("[w").append(i).append(']');
		}
		graph.append("concat=n=").append(words.size()).append(":v=0:a=1");
		command.addAll(List.of("-filter_complex", graph.toString(), wav.toString()));
		Clips.run(command.toArray(String[]::new));
		return wav;
	}

	/**
	 * A clip whose sound is the given audio, brought to a loudness first (after the filter),
	 * stereo, lasting exactly {@code seconds}.
	 *
	 * @param audioCodec "aac" (into MP4) or "pcm_s16le" (into MOV, keeping digital silence exact)
	 */
	static Path clip(Path file, Path audio, String filter, double seconds, String audioCodec) {
		String graph = "[1:a]aresample=48000," + (filter == null ? "" : filter + ",")
				+ "pan=stereo|c0=c0|c1=c0,apad=whole_dur=" + seconds + ",atrim=0:" + seconds + "[a]";
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
				"testsrc2=s=160x120:r=25:d=" + seconds, "-i", audio.toString(), "-filter_complex", graph, "-map", "0:v",
				"-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a",
				audioCodec, "-b:a", "192k", file.toString());
		return file;
	}

	/**
	 * The volume filter that brings a mono file to a loudness once {@link #clip} has put it
	 * on both channels (which adds 3 LU).
	 */
	static String toStereoLoudness(Path mono, double lufs) {
		return "volume=" + (lufs - 10 * Math.log10(2) - Meters.integrated(mono)) + "dB";
	}

	/** A drum loop (kick every half second, a hi-hat between), mono: music and original in the correlation test. */
	static Path drums(Path wav, double seconds) {
		return Clips.audio(wav, "aevalsrc='0.7*sin(2*PI*55*mod(t,0.5))*exp(-mod(t,0.5)*12)"
				+ "+0.25*(2*random(0)-1)*exp(-mod(t+0.25,0.5)*40)':s=48000:d=" + seconds);
	}

	/** Pink noise held under full scale by a limiter, mono: loud as the loudest masters (-8 LUFS once on two channels). */
	static Path loudNoise(Path wav, double seconds) {
		return Clips.audio(wav, "anoisesrc=c=pink:a=0.5:r=48000:seed=5:d=" + seconds
				+ ",lowpass=f=4000,volume=15dB,alimiter=limit=0.9:level=false,aformat=sample_fmts=flt");
	}

	/**
	 * Speech with six 120 ms bursts of noise near full scale over it (claps, a door slam), as
	 * a 48 kHz mono WAV: the material whose overs a sample-peak limiter lets through.
	 * {@code speechLufs} is the speech's loudness once {@link #clip} puts it on two channels.
	 */
	static Path withBursts(Path wav, Path speech, double speechLufs, double seconds) {
		double speechGain = speechLufs - 10 * Math.log10(2) - Meters.integrated(speech);
		StringBuilder gate = new StringBuilder("0");
		for (double start : BURSTS) {
			gate.append("+between(t,").append(start).append(',').append(start + 0.12).append(")*exp(-(t-").append(start)
				.append(")*15)");
		}
		Path bursts = wav.resolveSibling("bursts.wav");
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
				"anoisesrc=c=pink:a=1:r=48000:seed=3:d=" + seconds, "-af",
				"lowpass=f=6000,volume='" + gate + "':eval=frame,aformat=sample_fmts=flt", bursts.toString());
		// near full scale: the loudest burst sample at -0.5 dBFS
		double burstGain = -0.5 - Meters.samplePeak(bursts);
		Clips.run("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", speech.toString(), "-i", bursts.toString(),
				"-filter_complex", "[0:a]volume=" + speechGain + "dB[s];[1:a]volume=" + burstGain
						+ "dB[b];[s][b]amix=inputs=2:normalize=0:duration=longest",
				"-c:a", "pcm_f32le", wav.toString());
		return wav;
	}

	/** Music for the tests: two tones with a slow swell, 48 kHz stereo. */
	static Path music(Path wav, double seconds) {
		return Clips.audio(wav, "aevalsrc='0.2*sin(2*PI*220*t)*(1+0.5*sin(2*PI*2*t))|0.2*sin(2*PI*330*t)*(1+0.5*sin(2*PI*3*t))'"
				+ ":s=48000:d=" + seconds);
	}

}
