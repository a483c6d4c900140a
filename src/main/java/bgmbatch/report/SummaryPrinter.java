package bgmbatch.report;

import java.io.PrintStream;
import java.nio.file.Path;

/** The end-of-run summary on the console: totals, then each item that needs attention. */
public final class SummaryPrinter {

	private final PrintStream out;

	public SummaryPrinter(PrintStream out) {
		this.out = out;
	}

	public void print(RunSummary summary, Path reportFolder) {
		print(summary, reportFolder == null ? null : reportFolder.resolve("report.html").toString());
	}

	/** @param report where report.html is (a file, or an address in a bucket), or null when none was written */
	public void print(RunSummary summary, String report) {
		this.out.println();
		this.out.println(summary.outcome());
		this.out.printf("  %d delivered, %d skipped, %d failed%s (of %d)%n", summary.delivered(), summary.skipped(),
				summary.failed(), summary.pending() > 0 ? ", " + summary.pending() + " not reached" : "",
				summary.total());
		for (ItemReport item : summary.problems()) {
			this.out.printf("  %-7s %s (line %d): %s%n", item.result(), item.id(), item.line(), item.reason());
		}
		if (summary.unlistedProblems() > 0) {
			this.out.printf("  ... and %d more; see the report%n", summary.unlistedProblems());
		}
		if (summary.unclearCount() > 0) {
			this.out.printf("  %d %s with words not understood (the rest of each was done):%s%n", summary.unclearCount(),
					summary.unclearCount() == 1 ? "instruction" : "instructions",
					summary.unclearCount() > summary.unclear().size() ? " the first " + summary.unclear().size() + "," : "");
			for (RunSummary.Unclear item : summary.unclear()) {
				this.out.printf("    %s (line %d): %s%n", item.id(), item.line(),
						String.join(", ", item.words().stream().map((w) -> "\"" + w + "\"").toList()));
			}
		}
		if (report != null) {
			this.out.println("  report: " + report + " (also report.csv, report.json)");
		}
	}

}
