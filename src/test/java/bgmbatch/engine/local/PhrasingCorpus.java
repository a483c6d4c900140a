package bgmbatch.engine.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public phrasing corpus: instructions as people write them, in eight languages, each
 * with the plan it means. A line is {@code batch TAB language TAB instruction TAB
 * expected}, where expected lists {@code field=value}, {@code field<value} or
 * {@code field>value} ("quieter than the default" says what a person means without
 * fixing our number for it). Fields not listed must keep their defaults.
 */
final class PhrasingCorpus {

	static final List<String> FILES = List.of("corpus-b1.tsv", "corpus-b2.tsv", "corpus-b3.tsv", "corpus-b4.tsv",
			"corpus-issue.tsv");

	/** The plan when the instruction asks for nothing. */
	static final Map<String, String> DEFAULTS = defaults();

	record Example(String file, int line, String batch, String language, String instruction, List<Check> checks) {

		/** The checks this instruction fails, described; empty when it reads as meant. */
		List<String> misses(Instruction read) {
			List<String> misses = new ArrayList<>();
			String primary = read.language().split("\\+")[0];
			if (!primary.equals(this.language)) {
				misses.add("language " + read.language() + " (meant " + this.language + ")");
			}
			for (Check check : this.checks) {
				String actual = value(read, check.field());
				if (!check.holds(actual)) {
					misses.add(check.field() + "=" + actual + " (meant " + check + ")");
				}
			}
			return misses;
		}

	}

	record Check(String field, String relation, String value) {

		boolean holds(String actual) {
			if (this.relation.equals("=")) {
				if (isNumber(this.value) && isNumber(actual)) {
					return Math.abs(Double.parseDouble(this.value) - Double.parseDouble(actual)) < 0.01;
				}
				return this.value.equals(actual);
			}
			double a = Double.parseDouble(actual);
			double v = Double.parseDouble(this.value);
			return this.relation.equals("<") ? a < v - 1e-9 : a > v + 1e-9;
		}

		@Override
		public String toString() {
			return this.field + this.relation + this.value;
		}

	}

	private PhrasingCorpus() {
	}

	static List<Example> load() {
		List<Example> examples = new ArrayList<>();
		for (String file : FILES) {
			InputStream in = PhrasingCorpus.class.getResourceAsStream("/instructions/" + file);
			if (in == null) {
				continue;
			}
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				int number = 0;
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					number++;
					if (line.isBlank() || line.startsWith("#")) {
						continue;
					}
					String[] columns = line.split("\t");
					if (columns.length != 4) {
						throw new IllegalStateException(file + " line " + number + ": expected 4 tab-separated columns");
					}
					examples.add(new Example(file, number, columns[0], columns[1], columns[2], checks(columns[3])));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return examples;
	}

	private static List<Check> checks(String expected) {
		Map<String, Check> checks = new LinkedHashMap<>();
		for (Map.Entry<String, String> field : DEFAULTS.entrySet()) {
			checks.put(field.getKey(), new Check(field.getKey(), "=", field.getValue()));
		}
		for (String part : expected.strip().split("\\s+")) {
			int at = indexOfRelation(part);
			String field = part.substring(0, at);
			if (!DEFAULTS.containsKey(field)) {
				throw new IllegalStateException("unknown field " + field + " in " + expected);
			}
			checks.put(field, new Check(field, part.substring(at, at + 1), part.substring(at + 1)));
		}
		return List.copyOf(checks.values());
	}

	private static int indexOfRelation(String part) {
		for (int i = 0; i < part.length(); i++) {
			if ("=<>".indexOf(part.charAt(i)) >= 0) {
				return i;
			}
		}
		throw new IllegalStateException("no =, < or > in " + part);
	}

	private static Map<String, String> defaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("mood", "upbeat");
		defaults.put("volume", "0.35");
		defaults.put("fadeIn", "0");
		defaults.put("fadeOut", "3");
		defaults.put("ducking", "off");
		defaults.put("duckingDb", "12");
		defaults.put("original", "kept");
		defaults.put("start", "0");
		defaults.put("end", "none");
		defaults.put("loop", "on");
		defaults.put("loudness", "-14");
		return defaults;
	}

	static String value(Instruction read, String field) {
		return switch (field) {
			case "mood" -> read.mood();
			case "volume" -> number(read.volume());
			case "fadeIn" -> number(read.fadeInSeconds());
			case "fadeOut" -> number(read.fadeOutSeconds());
			case "ducking" -> read.ducking() ? "on" : "off";
			case "duckingDb" -> number(read.duckingDb());
			case "original" -> read.keepOriginal() ? "kept" : "replaced";
			case "start" -> number(read.startSeconds());
			case "end" -> read.endSeconds() == null ? "none" : number(read.endSeconds());
			case "loop" -> read.loop() ? "on" : "off";
			case "loudness" -> number(read.loudnessLufs());
			default -> throw new IllegalArgumentException(field);
		};
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
	}

	private static boolean isNumber(String text) {
		return text.matches("-?\\d+(\\.\\d+)?");
	}

}
