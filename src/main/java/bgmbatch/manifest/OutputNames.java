package bgmbatch.manifest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Where each row's output goes: the name a row gives, or one made from its video's, kept
 * inside the output folder and free of characters a file system or a share refuses.
 */
final class OutputNames {

	/** Extensions an output may have; the extension picks the container. */
	static final Set<String> EXTENSIONS = Set.of("mp4", "mov", "mkv", "webm", "m4v");

	private static final String RESERVED = "<>:\"|?*\\";

	private final Path outputFolder;

	private final boolean keepContainer;

	/**
	 * @param outputFolder the folder outputs go into (absolute, normalised)
	 * @param keepContainer whether a default name keeps the input's extension rather than becoming .mp4
	 */
	OutputNames(Path outputFolder, boolean keepContainer) {
		this.outputFolder = outputFolder;
		this.keepContainer = keepContainer;
	}

	/**
	 * @param value the output column's value, empty for the default name
	 * @param video the file the default name is made from
	 */
	Path output(String value, Path video, long line, int row) {
		String name = value;
		if (name.isEmpty()) {
			String file = video.getFileName().toString();
			int dot = file.lastIndexOf('.');
			String base = dot > 0 ? file.substring(0, dot) : file;
			String extension = this.keepContainer && dot > 0 ? file.substring(dot + 1).toLowerCase(Locale.ROOT) : "mp4";
			name = base + "." + (EXTENSIONS.contains(extension) ? extension : "mp4");
		}
		check(name, line, row);
		Path output = this.outputFolder.resolve(name).normalize();
		if (!output.startsWith(this.outputFolder) || output.equals(this.outputFolder)) {
			throw ManifestException.at(line, row, "output", "'" + value + "' is outside the output folder");
		}
		return output;
	}

	/** An output as the operator names it: relative to the output folder. */
	Path relative(Path output) {
		return this.outputFolder.relativize(output);
	}

	/** C0001.mp4 for the row with id row-2: C0001-row-2.mp4, beside it. */
	static Path suffixed(Path output, String id) {
		String file = output.getFileName().toString();
		int dot = file.lastIndexOf('.');
		return output.resolveSibling(file.substring(0, dot) + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_")
				+ file.substring(dot));
	}

	private static void check(String name, long line, int row) {
		if (name.startsWith("/") || name.startsWith("~") || (name.length() > 1 && name.charAt(1) == ':')) {
			throw ManifestException.at(line, row, "output",
					"'" + name + "' is an absolute path; give a name relative to the output folder");
		}
		for (String segment : name.split("/")) {
			if (segment.equals("..")) {
				throw ManifestException.at(line, row, "output",
						"'" + name + "' contains '..'; outputs must stay inside the output folder");
			}
		}
		for (char c : name.toCharArray()) {
			if (Character.isISOControl(c) || RESERVED.indexOf(c) >= 0) {
				throw ManifestException.at(line, row, "output", "'" + name.replaceAll("\\p{Cntrl}", "?")
						+ "' contains a reserved character (" + RESERVED + " or a control character)");
			}
		}
		String lower = name.toLowerCase(Locale.ROOT);
		int dot = lower.lastIndexOf('.');
		if (dot < 0 || !EXTENSIONS.contains(lower.substring(dot + 1))) {
			throw ManifestException.at(line, row, "output",
					"'" + name + "' must end in one of ." + String.join(", .", EXTENSIONS.stream().sorted().toList()));
		}
	}

}
