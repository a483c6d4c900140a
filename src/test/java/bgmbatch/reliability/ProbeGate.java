package bgmbatch.reliability;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds a child run inside its job, deterministically: the child's PATH leads to an
 * {@code ffprobe} that first reads a named pipe, which blocks until the test opens the
 * gate. So a test knows the run is alive and holds its lock, without timing anything.
 * {@code -version} (the readiness check) passes through, so the run gets into its job.
 */
final class ProbeGate {

	private final Path bin;

	private final Path fifo;

	ProbeGate(Path folder) throws IOException, InterruptedException {
		this.bin = Files.createDirectories(folder.resolve("gated-bin"));
		this.fifo = folder.resolve("gate");
		Process mkfifo = new ProcessBuilder("mkfifo", this.fifo.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		Path script = this.bin.resolve("ffprobe");
		Files.writeString(script, """
				#!/bin/sh
				case " $* " in
				  *" -version "*) ;;
				  *) [ -p "%s" ] && cat "%s" > /dev/null ;;
				esac
				exec "%s" "$@"
				""".formatted(this.fifo, this.fifo, Tools.find("ffprobe")));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	/** The environment of a child whose ffprobe waits at the gate. */
	Map<String, String> environment() {
		return Map.of("PATH", this.bin + ":" + System.getenv("PATH"));
	}

	/**
	 * Lets every waiting ffprobe through, and every later one pass. Opening a pipe for
	 * reading and writing never blocks on Linux; closing it gives the waiting readers
	 * their end of file.
	 */
	void open() throws IOException {
		try (FileChannel pipe = FileChannel.open(this.fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			Files.delete(this.fifo);
		}
	}

}
