package bgmbatch.engine;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The delivered sound as measured on the output file, the BS.1770-4 way (true peak 4×
 * oversampled): what a broadcaster's delivery check looks at, and what the report shows
 * per item. An engine that measures its outputs records it in the item's handles.
 *
 * @param targetLufs the integrated loudness the output was made for
 * @param integratedLufs its measured integrated loudness
 * @param truePeakDbtp its measured true peak
 * @param loudnessRangeLu its measured loudness range (EBU Tech 3342)
 */
public record SoundMeasurement(double targetLufs, double integratedLufs, double truePeakDbtp, double loudnessRangeLu) {

	static final String TARGET = "loudnessTarget";

	static final String INTEGRATED = "loudnessIntegrated";

	static final String TRUE_PEAK = "truePeak";

	static final String RANGE = "loudnessRange";

	public Map<String, String> toHandles() {
		return Map.of(TARGET, text(this.targetLufs), INTEGRATED, text(this.integratedLufs), TRUE_PEAK,
				text(this.truePeakDbtp), RANGE, text(this.loudnessRangeLu));
	}

	/** The measurement an engine recorded in these handles, if it recorded one. */
	public static Optional<SoundMeasurement> from(Map<String, String> handles) {
		try {
			if (!handles.containsKey(INTEGRATED)) {
				return Optional.empty();
			}
			return Optional.of(new SoundMeasurement(Double.parseDouble(handles.get(TARGET)),
					Double.parseDouble(handles.get(INTEGRATED)), Double.parseDouble(handles.get(TRUE_PEAK)),
					Double.parseDouble(handles.get(RANGE))));
		}
		catch (NullPointerException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String text(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
