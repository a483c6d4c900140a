package bgmbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Medians, repeats and the way the table writes numbers. */
final class Numbers {

	private Numbers() {
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static String seconds(double value) {
		return String.format(Locale.ROOT, value < 10 ? "%.2f s" : "%.1f s", value);
	}

	/** Seconds, or "?" when not measured. */
	static String seconds(Double value) {
		return value == null ? "?" : seconds(value.doubleValue());
	}

	static String millis(double seconds) {
		return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
	}

	static String runs(List<Double> values) {
		return values.stream().map((v) -> String.format(Locale.ROOT, "%.2f", v)).reduce((a, b) -> a + " " + b).orElse("");
	}

	static List<Double> repeat(int times, Supplier<Double> measurement) {
		List<Double> values = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			values.add(measurement.get());
		}
		return values;
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

	static void deleteTree(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> {
				try {
					Files.delete(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void createDirectories(Path folder) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
