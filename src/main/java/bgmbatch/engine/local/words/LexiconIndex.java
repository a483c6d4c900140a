package bgmbatch.engine.local.words;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lexicon as the build leaves it ({@code lexicon.idx}): every phrase already
 * normalised, cut and stemmed, so the first instruction of a run reads a file instead of
 * stemming 9 000 phrases. Written by {@link #main} in Maven's {@code process-classes}
 * phase. The index names a hash of its sources; a stale or missing index (an IDE build) is
 * ignored and the lexicon read from its sources, with the same result.
 */
public final class LexiconIndex {

	static final String LEXICON = "/bgmbatch/words/lexicon.txt";

	static final String NUMBERS = "/bgmbatch/words/number-words.txt";

	static final String INDEX = "/bgmbatch/words/lexicon.idx";

	private static final String HEADER = "# lexicon index of sources ";

	private LexiconIndex() {
	}

	/** Fills the lexicon from the index, if there is one made from the current sources. */
	static Optional<Lexicon> read(Lexicon lexicon) {
		List<String> lines;
		try (InputStream in = LexiconIndex.class.getResourceAsStream(INDEX)) {
			if (in == null) {
				return Optional.empty();
			}
			lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		return read(lexicon, lines);
	}

	static Optional<Lexicon> read(Lexicon lexicon, List<String> lines) {
		if (lines.isEmpty() || !lines.get(0).equals(HEADER + sourcesHash())) {
			return Optional.empty();
		}
		for (String line : lines.subList(1, lines.size())) {
			String[] fields = line.split("\t", -1);
			Language language = Language.valueOf(fields[1]);
			switch (fields[0]) {
				case "S" -> lexicon.stopWords().get(language).addAll(List.of(fields[2].split(" ")));
				case "W" -> lexicon.written().get(language).addAll(List.of(fields[2].split(" ")));
				default -> lexicon.add(new Lexicon.Entry(language, fields[2], fields[4], fields[5].split(" "),
						fields[6].split(" "), fields[3].equals("1")));
			}
		}
		return Optional.of(lexicon);
	}

	static void write(Lexicon lexicon, Writer out) throws IOException {
		out.write(HEADER + sourcesHash() + "\n");
		for (Map.Entry<Language, Set<String>> stops : lexicon.stopWords().entrySet()) {
			if (!stops.getValue().isEmpty()) {
				out.write("S\t" + stops.getKey().name() + "\t" + String.join(" ", stops.getValue()) + "\n");
			}
		}
		for (Map.Entry<Language, Set<String>> written : lexicon.written().entrySet()) {
			if (!written.getValue().isEmpty()) {
				out.write("W\t" + written.getKey().name() + "\t" + String.join(" ", written.getValue()) + "\n");
			}
		}
		for (Lexicon.Entry entry : lexicon.entries()) {
			out.write(String.join("\t", "E", entry.language().name(), entry.concept(), entry.exactOnly() ? "1" : "0",
					entry.text(), String.join(" ", entry.surface()), String.join(" ", entry.stems())) + "\n");
		}
	}

	/** A hash of everything the lexicon is made from. */
	static String sourcesHash() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(resource(LEXICON));
			digest.update(resource(NUMBERS));
			for (Language language : Language.values()) {
				if (language.spaced()) {
					digest.update(resource(language.stopWordResource()));
				}
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static byte[] resource(String name) {
		try (InputStream in = LexiconIndex.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The build step: writes the index into the classes folder given as the only argument. */
	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0], INDEX.substring(1));
		Files.createDirectories(file.getParent());
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			write(Lexicon.build(new Segmenter()), out);
		}
	}

}
