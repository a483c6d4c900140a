package bgmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the numbers were measured on: cores, CPU, memory, load, ffmpeg and Java. */
final class Machine {

	private Machine() {
	}

	static String describe(Path work) throws IOException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((l) -> l.startsWith("model name"))
			.map((l) -> l.substring(l.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown CPU");
		String memory = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((l) -> l.startsWith("MemTotal:"))
			.map((l) -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("unknown");
		String ffmpeg = Proc.run(List.of("ffmpeg", "-version"), work, null).stdout().lines().findFirst().orElse("?");
		return "machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory
				+ " memory, load average " + loadAverage() + "\n" + "ffmpeg:  " + ffmpeg + "\n" + "java:    "
				+ System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
				+ "os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version");
	}

	static double loadOfLastMinute() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
