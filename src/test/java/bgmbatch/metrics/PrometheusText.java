package bgmbatch.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Parses Prometheus' text format with the Prometheus project's own Python client
 * ({@code prometheus_client.parser}, Debian's python3-prometheus-client, which .ci/run
 * installs): a real parser, so a file it reads is one node_exporter reads. In CI a missing
 * parser fails the test; elsewhere the test is skipped and says what to install.
 */
final class PrometheusText {

	private static final String PARSE = """
			import json, sys
			from prometheus_client.parser import text_string_to_metric_families
			samples = []
			for family in text_string_to_metric_families(sys.stdin.read()):
			    for s in family.samples:
			        samples.append({"family": family.name, "type": family.type, "name": s.name,
			                        "labels": s.labels, "value": s.value})
			print(json.dumps(samples))
			""";

	private PrometheusText() {
	}

	/** Every sample in the text; fails the test when the text does not parse. */
	static List<Sample> parse(String text) throws IOException, InterruptedException {
		Process python = new ProcessBuilder(python(), "-c", PARSE).start();
		python.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		python.getOutputStream().close();
		String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor()).as("the Prometheus parser refused the text: " + err + "\n" + text).isZero();
		return new ObjectMapper().readValue(out, new TypeReference<List<Sample>>() {
		});
	}

	/**
	 * The system's Python (where Debian's package puts the module) or the one on the PATH,
	 * whichever has the parser; a Python of a version manager (pyenv) often comes first on
	 * the PATH without it.
	 */
	private static String python() throws InterruptedException {
		for (String python : List.of("/usr/bin/python3", "python3")) {
			try {
				if (new ProcessBuilder(python, "-c", "import prometheus_client.parser").start().waitFor() == 0) {
					return python;
				}
			}
			catch (IOException ex) {
				// not there: try the next
			}
		}
		String missing = "the Prometheus text parser is missing (apt-get install python3-prometheus-client)";
		if ("true".equals(System.getenv("CI"))) {
			fail(missing + "; .ci/run installs it, so CI must have it");
		}
		assumeTrue(false, "SKIPPED (not in CI): " + missing);
		throw new IllegalStateException("unreachable");
	}

	/** One sample as the parser read it. */
	record Sample(String family, String type, String name, Map<String, String> labels, double value) {

	}

}
