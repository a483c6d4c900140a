package bgmbatch.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws levels as a mirrored waveform PNG: the peak as a light band, the RMS as a dark
 * core. The vertical scale is decibels from {@link #FLOOR_DB} to 0 dBFS, the same for every
 * picture, so a music bed 30 dB under the voice still shows (on a linear scale it would be
 * 3% of the height), and before and after compare by eye. Pixels are set directly on a
 * four-colour palette image: no fonts, no display, and a picture of 1 to 3 KB.
 */
final class WaveformPicture {

	static final int WIDTH = 720;

	static final int HEIGHT = 72;

	static final double FLOOR_DB = -60;

	private static final int CLEAR = 0;

	private static final int AXIS = 1;

	private static final int PEAK = 2;

	private static final int RMS = 3;

	/** Colours of the original's sound and of the final mix. */
	enum Tone {

		BEFORE(0x9aa4b1, 0x56606e), AFTER(0x9cc0f5, 0x1f5fc8);

		private final int peak;

		private final int rms;

		Tone(int peak, int rms) {
			this.peak = peak;
			this.rms = rms;
		}

	}

	private WaveformPicture() {
	}

	static byte[] png(Waveforms.Levels levels, Tone tone) {
		byte[] r = { 0, (byte) 0xd5, (byte) (tone.peak >> 16), (byte) (tone.rms >> 16) };
		byte[] g = { 0, (byte) 0xda, (byte) (tone.peak >> 8), (byte) (tone.rms >> 8) };
		byte[] b = { 0, (byte) 0xe1, (byte) tone.peak, (byte) tone.rms };
		byte[] a = { 0, (byte) 0xff, (byte) 0xff, (byte) 0xff };
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_INDEXED,
				new IndexColorModel(2, 4, r, g, b, a));
		WritableRaster raster = image.getRaster();
		int middle = HEIGHT / 2;
		for (int x = 0; x < WIDTH; x++) {
			raster.setSample(x, middle, 0, AXIS);
		}
		// dotted guides at -20 and -40 dBFS, under the waveform: how much louder "after" is reads off them
		for (double guide : new double[] { -20, -40 }) {
			int h = height(guide, middle);
			for (int x = 0; x < WIDTH; x += 4) {
				raster.setSample(x, middle - h, 0, AXIS);
				raster.setSample(x, middle + h, 0, AXIS);
			}
		}
		double[] peak = levels.peak();
		double[] rms = levels.rms();
		double columnSeconds = levels.seconds() / WIDTH;
		for (int x = 0; x < WIDTH; x++) {
			// the windows this column covers: the loudest of them, so a short peak is never lost
			int first = (int) Math.floor(x * columnSeconds / levels.windowSeconds());
			int last = Math.max(first, (int) Math.ceil((x + 1) * columnSeconds / levels.windowSeconds()) - 1);
			if (first >= peak.length) {
				break;
			}
			double columnPeak = Double.NEGATIVE_INFINITY;
			double columnRms = Double.NEGATIVE_INFINITY;
			for (int i = first; i <= Math.min(last, peak.length - 1); i++) {
				columnPeak = Math.max(columnPeak, peak[i]);
				columnRms = Math.max(columnRms, rms[i]);
			}
			fill(raster, x, middle, height(columnPeak, middle), PEAK);
			fill(raster, x, middle, height(columnRms, middle), RMS);
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a PNG in memory cannot fail to write", ex);
		}
		return png.toByteArray();
	}

	/** Half the bar's height, in pixels, for a level in dBFS. */
	private static int height(double decibels, int half) {
		if (!(decibels > FLOOR_DB)) {
			return 0;
		}
		double share = Math.min(1, (decibels - FLOOR_DB) / -FLOOR_DB);
		return (int) Math.round(share * half);
	}

	private static void fill(WritableRaster raster, int x, int middle, int half, int colour) {
		for (int y = middle - half; y <= middle + half && half > 0; y++) {
			if (y >= 0 && y < HEIGHT) {
				raster.setSample(x, y, 0, colour);
			}
		}
	}

}
