package bgmbatch.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** jobs/bgm-batch-notify.sh: the summary reaches a person only when the night went wrong. */
class NotifyWrapperTest {

	private static final Path WRAPPER = Path.of("jobs/bgm-batch-notify.sh").toAbsolutePath();

	@TempDir
	Path dir;

	@Test
	void postsOnlyTheSummaryAndOnlyOnNonZeroExitPassingTheExitCodeOn() throws Exception {
		Path fakeJob = this.dir.resolve("fake-batch.sh");
		Files.writeString(fakeJob, """
				#!/usr/bin/env bash
				echo "02:30:01 [0/2] street: uploading"
				echo "02:30:05 [2/2] bars: skipped at upload: the video \\"bars.mov\\" does not exist"
				echo
				echo "Job finished."
				echo "  1 delivered, 1 skipped, 0 failed (of 2)"
				echo "  report: https://reports.example.com/night/report.html (also report.csv, report.json)"
				echo "  settings: $*"
				exit "$FAKE_EXIT"
				""");
		Files.setPosixFilePermissions(fakeJob, PosixFilePermissions.fromString("rwx------"));
		try (MockWebServer webhook = new MockWebServer()) {
			webhook.enqueue(new MockResponse.Builder().code(200).build());
			webhook.start(0);

			Process clean = run(fakeJob, webhook, 0);
			Process skipped = run(fakeJob, webhook, 3);

			assertThat(clean.exitValue()).isZero();
			assertThat(skipped.exitValue()).isEqualTo(3);
			RecordedRequest request = webhook.takeRequest(30, TimeUnit.SECONDS);
			assertThat(request).isNotNull();
			assertThat(webhook.getRequestCount()).as("the clean run posted nothing").isEqualTo(1);
			String text = new ObjectMapper().readTree(request.getBody().utf8()).path("text").asText();
			assertThat(text).startsWith("bgm-batch on ")
				.contains("finished, but some items were skipped (the report says why) (exit 3)", "Job finished.",
						"1 delivered, 1 skipped", "manifest=videos.csv",
						"Report: https://reports.example.com/night/report.html")
				.doesNotContain("uploading");
		}
	}

	@Test
	void sigtermToTheWrapperReachesTheJobAndTheStopIsToldInWords() throws Exception {
		Path fakeJob = this.dir.resolve("fake-batch.sh");
		Files.writeString(fakeJob, """
				#!/usr/bin/env bash
				trap 'echo "job got SIGTERM"; echo; echo "Job stopped on request with 2 item(s) left."; exit 143' TERM
				echo "job ready"
				sleep 600 &
				wait $!
				""");
		Files.setPosixFilePermissions(fakeJob, PosixFilePermissions.fromString("rwx------"));
		try (MockWebServer webhook = new MockWebServer()) {
			webhook.enqueue(new MockResponse.Builder().code(200).build());
			webhook.start(0);
			ProcessBuilder builder = new ProcessBuilder("bash", WRAPPER.toString(), "manifest=videos.csv")
				.redirectErrorStream(true);
			builder.environment().put("BGM_BATCH_CMD", fakeJob.toString());
			builder.environment().put("BGM_NOTIFY_WEBHOOK", webhook.url("/hook").toString());
			Process wrapper = builder.start();
			java.io.BufferedReader output = new java.io.BufferedReader(
					new java.io.InputStreamReader(wrapper.getInputStream(), StandardCharsets.UTF_8));
			assertThat(output.readLine()).isEqualTo("job ready");

			// as systemd's KillMode=mixed does: to the wrapper alone (Process.destroy would also close our end of its output)
			assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(wrapper.pid())).start().waitFor()).isZero();

			// read to the end: the wrapper and the job have both closed the pipe
			assertThat(output.lines().toList()).contains("job got SIGTERM");
			assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(wrapper.exitValue()).isEqualTo(143);
			RecordedRequest request = webhook.takeRequest(30, TimeUnit.SECONDS);
			assertThat(request).isNotNull();
			assertThat(new ObjectMapper().readTree(request.getBody().utf8()).path("text").asText())
				.contains("stopped by a signal; the next run resumes it (exit 143)", "Job stopped on request");
		}
	}

	@Test
	void cronLineRunsAsANonRootUserAndWritesItsLogInTheStateFolder() throws Exception {
		List<String> crontab = uncommented(Path.of("jobs/crontab.example"));
		String jobLine = crontab.stream().filter((line) -> line.matches("^[0-9*].*")).findFirst().orElseThrow();
		Matcher schedule = Pattern.compile("^(\\S+\\s+){5}(.*)$").matcher(jobLine);
		assertThat(schedule.matches()).isTrue();
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path srv = Files.createDirectories(this.dir.resolve("srv"));
		Path jobs = Files.createDirectories(srv.resolve("jobs"));
		Files.copy(WRAPPER, jobs.resolve("bgm-batch-notify.sh"));
		Path fakeJob = Files.writeString(srv.resolve("fake-batch.sh"), """
				#!/bin/sh
				echo "fake job ran as $(id -un) with: $*"
				""");
		for (Path script : List.of(jobs.resolve("bgm-batch-notify.sh"), fakeJob)) {
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			// the service user owns its folder, as the install steps in the crontab say
			Files.setOwner(srv, srv.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
		}
		String command = schedule.group(2).replace("/srv/bgm-batch", srv.toString());
		List<String> invocation = new ArrayList<>();
		if (root) {
			invocation.addAll(List.of("runuser", "-u", "nobody", "--"));
		}
		// cron's environment: next to nothing, plus the crontab's own lines
		invocation.addAll(List.of("env", "-i", "PATH=/usr/bin:/bin", "HOME=/", "BGM_BATCH_CMD=" + fakeJob, "/bin/sh",
				"-c", command));
		Process cron = new ProcessBuilder(invocation).redirectErrorStream(true).start();
		String printed = new String(cron.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(cron.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(cron.exitValue()).as(printed).isZero();
		Path log = srv.resolve("state/cron.log");
		assertThat(log).exists();
		assertThat(Files.readString(log)).contains("fake job ran as " + (root ? "nobody" : System.getProperty("user.name"))
				+ " with: progress=plain manifest=" + srv + "/videos/videos.csv output=" + srv + "/videos/out state-dir="
				+ srv + "/state");
	}

	@Test
	void crontabAndServiceRunTheSameCommandOnTheSamePaths() throws Exception {
		String cronJob = uncommented(Path.of("jobs/crontab.example")).stream()
			.filter((line) -> line.matches("^[0-9*].*"))
			.map((line) -> line.replaceAll(".*(/srv/bgm-batch/jobs/bgm-batch-notify.sh [^>]*?)\\s*>>.*", "$1"))
			.findFirst()
			.orElseThrow();
		List<String> service = uncommented(Path.of("jobs/bgm-batch.service"));
		assertThat(service).contains("ExecStart=" + cronJob, "User=bgm", "WorkingDirectory=/srv/bgm-batch",
				"Environment=\"BGM_BATCH_CMD=java -jar /srv/bgm-batch/batch.jar\"");
		assertThat(uncommented(Path.of("jobs/crontab.example"))).contains("BGM_BATCH_CMD=java -jar /srv/bgm-batch/batch.jar");
		assertThat(Files.readString(Path.of("jobs/bgm-batch.service"))).contains("NEMO_TOKEN=").doesNotContain("BGM_NEMO");
	}

	private static List<String> uncommented(Path file) throws java.io.IOException {
		return Files.readAllLines(file).stream().filter((line) -> !line.isBlank() && !line.startsWith("#")).toList();
	}

	private Process run(Path fakeJob, MockWebServer webhook, int exit) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", WRAPPER.toString(), "manifest=videos.csv")
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("wrapper-" + exit + ".log").toFile());
		builder.environment().put("BGM_BATCH_CMD", fakeJob.toString());
		builder.environment().put("BGM_NOTIFY_WEBHOOK", webhook.url("/hook").toString());
		builder.environment().put("FAKE_EXIT", Integer.toString(exit));
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String log = Files.readString(this.dir.resolve("wrapper-" + exit + ".log"), StandardCharsets.UTF_8);
		assertThat(log).as("the full output still reaches the log").contains("street: uploading");
		return process;
	}

}
