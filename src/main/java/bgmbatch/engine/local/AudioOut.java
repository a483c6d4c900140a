package bgmbatch.engine.local;

import java.util.List;

/**
 * What every render's sound ends with: a limiter that holds the true peak under the
 * ceiling, set for the encoder that follows, and that encoder. Public so the bench's
 * expert baseline ends exactly as our render does (the same spec, the same cost).
 */
public final class AudioOut {

	/**
	 * 4× oversampled like a BS.1770-4 true-peak meter, so the limit holds between samples
	 * too. A sample-peak limiter at -0.5 dBFS let +3.56 dBTP through on near-full-scale
	 * bursts (issue 12). Costs about 0.3 s per minute of stereo audio here; swr's 16-tap
	 * filter is ~20% faster than its default and as exact at the limit.
	 */
	private static final String UPSAMPLE = "aresample=192000:filter_size=16";

	private static final String LIMITER = "alimiter=attack=5:release=50:level=false:latency=true:limit=";

	/**
	 * What the encoder adds to the true peak of a limited signal, kept free under the
	 * ceiling. Measured on limited bursts: AAC 192k +0.1 dB, Opus 192k up to +1.0 dB.
	 */
	private static final double AAC_OVERSHOOT_DB = 0.3;

	private static final double OPUS_OVERSHOOT_DB = 1.2;

	private AudioOut() {
	}

	/**
	 * Where the limiter holds the mix so the encoded file stays under the ceiling.
	 * @param ceilingDbtp the ceiling no sample of the delivered sound may pass
	 * @param container the output's container ({@code webm} is encoded with Opus, the others with AAC)
	 */
	public static double limitDbtp(double ceilingDbtp, String container) {
		return ceilingDbtp - ("webm".equals(container) ? OPUS_OVERSHOOT_DB : AAC_OVERSHOOT_DB);
	}

	/** The limiter's filter chain: it works on the signal upsampled ×4, then back to 48 kHz. */
	public static String limiter(double limitDbtp) {
		return UPSAMPLE + "," + LIMITER + MixGraph.number(Math.pow(10, limitDbtp / 20)) + ",aresample=48000";
	}

	/** The encoder's options: Opus for WebM, AAC (its fast coder) for the other containers; 192 kb/s stereo 48 kHz. */
	public static List<String> encoder(String container) {
		if ("webm".equals(container)) {
			return List.of("-c:a", "libopus", "-b:a", "192k", "-ar", "48000", "-ac", "2");
		}
		return List.of("-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar", "48000", "-ac", "2");
	}

}
