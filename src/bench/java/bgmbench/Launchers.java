package bgmbench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import bgmbatch.BgmBatchApplication;

/**
 * The commands our job is started with. A full or quick run uses what users run: the
 * command {@code run.sh} ends with (the extracted jar with its start-up cache) and the
 * plain {@code java -jar} a crontab line runs. A smoke run inside {@code mvn test} has no
 * jar yet: it starts the application from the test class path instead.
 */
final class Launchers {

	private final Path repo;

	private final boolean packaged;

	private List<String> runSh;

	private List<String> jit;

	/**
	 * @param repo the repository (run.sh and target/ are found there)
	 * @param packaged whether the jar and run.sh's start-up cache are built (false in a smoke run)
	 */
	Launchers(Path repo, boolean packaged) {
		this.repo = repo;
		this.packaged = packaged;
	}

	boolean packaged() {
		return this.packaged;
	}

	/**
	 * The java command run.sh ends with (with a JDK 25 its AOT cache, else the Java 17
	 * class-data-sharing archive), as {@code run.sh --print-command} prints it. Taken once:
	 * calling run.sh per run could rebuild the jar in the middle of a measurement if a
	 * source file changed meanwhile. Unpackaged: the application on this class path, C1 only.
	 */
	List<String> runSh() {
		if (!this.packaged) {
			return classPath(javaHere());
		}
		if (this.runSh == null) {
			this.runSh = runShCommand(null);
		}
		return this.runSh;
	}

	/** run.sh's command with the given Java ({@code JAVA=...}), or its own choice when null. */
	List<String> runShCommand(String java) {
		List<String> command = runShPrints("--print-command", java);
		int jar = command.indexOf("-jar");
		if (jar < 1 || !command.get(jar + 1).endsWith("target/app/batch.jar") || command.stream()
			.noneMatch((word) -> word.startsWith("-XX:AOTCache=") || word.startsWith("-XX:SharedArchiveFile="))) {
			throw new IllegalStateException("run.sh printed no command with its start-up cache: " + command);
		}
		return command;
	}

	/**
	 * The JIT options run.sh starts the job with (see there why), asked of run.sh itself so
	 * a run started here without run.sh's cache still compiles as a user's run does.
	 */
	List<String> jit() {
		if (this.jit == null) {
			this.jit = runShPrints("--print-jit", null);
		}
		return this.jit;
	}

	/** What run.sh prints with this option, one word a line. */
	private List<String> runShPrints(String option, String java) {
		ProcessBuilder builder = new ProcessBuilder(this.repo.resolve("run.sh").toString(), option)
			.directory(this.repo.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		if (java != null) {
			builder.environment().put("JAVA", java);
		}
		try {
			Process process = builder.start();
			List<String> words = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank())
				.toList();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("run.sh " + option + " failed: " + words);
			}
			return words;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The command a crontab line runs: the Java on the PATH, no options. */
	List<String> plainJar(String java, String... options) {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(List.of(options));
		if (this.packaged) {
			command.addAll(List.of("-jar", this.repo.resolve("target/batch.jar").toString()));
		}
		else {
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), BgmBatchApplication.class.getName()));
		}
		return command;
	}

	/**
	 * The application with extra classes on its class path (the no-op engine): run.sh's
	 * jar and libraries, or this class path when unpackaged.
	 */
	List<String> withBenchClasses(String benchClassPath) {
		String classPath = this.packaged ? benchClassPath : System.getProperty("java.class.path");
		return java(javaHere(), classPath);
	}

	private List<String> classPath(String java) {
		return java(java, System.getProperty("java.class.path"));
	}

	private List<String> java(String java, String classPath) {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jit());
		command.addAll(List.of("-cp", classPath, BgmBatchApplication.class.getName()));
		return List.copyOf(command);
	}

	/** The Java running the bench. */
	static String javaHere() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static String javaOnPath() {
		for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
			Path java = Path.of(folder, "java");
			if (Files.isExecutable(java)) {
				return java.toString();
			}
		}
		throw new IllegalStateException("no java on the PATH");
	}

	/** A Java's version from its release file ("17.0.15"), without starting it. */
	static String javaVersion(String java) {
		try {
			Path home = Path.of(java).toRealPath().getParent().getParent();
			return Files.readAllLines(home.resolve("release"))
				.stream()
				.filter((line) -> line.startsWith("JAVA_VERSION="))
				.map((line) -> line.substring(line.indexOf('=') + 1).replace("\"", ""))
				.findFirst()
				.orElse("?");
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static int major(String version) {
		try {
			return Integer.parseInt(version.split("\\.")[0]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
