package bgmbatch.engine.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A folder of the user's own tracks. Moods come from a {@code library.csv} beside them
 * (columns file, moods, bpm, license), else from the file's tags (genre, mood, comment)
 * read with ffprobe, else from words in the file name. The folder is read once per run.
 */
final class MusicLibrary {

	static final String INDEX = "library.csv";

	private static final Set<String> AUDIO = Set.of("mp3", "m4a", "aac", "wav", "flac", "ogg", "oga", "opus");

	private static final int DEPTH = 4;

	private static final List<String> MOOD_TAGS = List.of("mood", "genre", "comment", "keywords", "grouping",
			"description", "title");

	private static final Pattern WORD = Pattern.compile("lo[- ]?fi|[\\p{L}]+");

	private final Path folder;

	private final FfprobeReader probe;

	private List<Track> tracks;

	/**
	 * @param file the track
	 * @param name its path relative to the library folder, with forward slashes
	 * @param moods the moods it is tagged with
	 * @param license its license as the index gives it, or empty
	 */
	record Track(Path file, String name, Set<String> moods, String license) {

	}

	/**
	 * @param track the chosen track
	 * @param note why the choice is not a plain match, or null
	 */
	record Choice(Track track, String note) {

	}

	MusicLibrary(Path folder, FfprobeReader probe) {
		this.folder = folder.toAbsolutePath().normalize();
		this.probe = probe;
	}

	/**
	 * A track of the mood for the item at a manifest position. Deterministic, and
	 * rotating: consecutive items asking for the same mood get the mood's tracks in turn.
	 */
	Optional<Choice> choose(String mood, int position) {
		List<Track> all = tracks();
		if (all.isEmpty()) {
			return Optional.empty();
		}
		List<Track> matching = all.stream().filter((t) -> t.moods().contains(mood)).toList();
		String note = null;
		if (matching.isEmpty()) {
			matching = all;
			note = "no library track is tagged " + mood + "; chose among all tracks";
		}
		return Optional.of(new Choice(matching.get(Math.floorMod(position - 1, matching.size())), note));
	}

	synchronized List<Track> tracks() {
		if (this.tracks == null) {
			this.tracks = scan();
		}
		return this.tracks;
	}

	private List<Track> scan() {
		if (!Files.isDirectory(this.folder)) {
			throw new UnusableMediaException("the music library " + this.folder + " is not a folder");
		}
		Map<String, String[]> index = readIndex();
		List<Track> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(this.folder, DEPTH)) {
			for (Path file : files.filter(Files::isRegularFile).filter(MusicLibrary::isAudio).sorted().toList()) {
				String name = this.folder.relativize(file).toString().replace('\\', '/');
				String[] entry = index.getOrDefault(name, index.get(file.getFileName().toString()));
				Set<String> moods = entry != null ? moods(entry[0]) : tagMoods(file);
				if (moods.isEmpty()) {
					moods = moods(file.getFileName().toString().replaceAll("\\.[^.]*$", "").replace('_', ' '));
				}
				found.add(new Track(file, name, Set.copyOf(moods), entry != null ? entry[1] : ""));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the music library " + this.folder, ex);
		}
		return List.copyOf(found);
	}

	private Map<String, String[]> readIndex() {
		Path csv = this.folder.resolve(INDEX);
		Map<String, String[]> index = new HashMap<>();
		if (!Files.isRegularFile(csv)) {
			return index;
		}
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreSurroundingSpaces(true)
			.setIgnoreEmptyLines(true)
			.setCommentMarker('#')
			.get();
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
				CSVParser parser = format.parse(reader)) {
			for (CSVRecord record : parser) {
				String file = get(record, "file");
				if (!file.isEmpty()) {
					index.put(file.replace('\\', '/'), new String[] { get(record, "moods"), get(record, "license") });
				}
			}
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException ex) {
			throw new UnusableMediaException("the music library's " + INDEX + " cannot be read: " + ex.getMessage());
		}
		return index;
	}

	private static String get(CSVRecord record, String column) {
		return record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
	}

	private Set<String> tagMoods(Path file) {
		try {
			Map<String, String> tags = this.probe.read(file).tags();
			StringBuilder words = new StringBuilder();
			for (String tag : MOOD_TAGS) {
				words.append(' ').append(tags.getOrDefault(tag, ""));
			}
			return moods(words.toString());
		}
		catch (UnusableMediaException ex) {
			// an unreadable track is still listed; verify rejects it if it is ever chosen
			return Set.of();
		}
	}

	/** The moods named in free text: "Calm; lo-fi", "chill|ambient", a genre tag. */
	static Set<String> moods(String text) {
		Set<String> moods = new LinkedHashSet<>();
		Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (words.find()) {
			Moods.of(words.group().replace(' ', '-')).ifPresent(moods::add);
		}
		return moods;
	}

	private static boolean isAudio(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return AUDIO.contains(name.substring(name.lastIndexOf('.') + 1));
	}

}
