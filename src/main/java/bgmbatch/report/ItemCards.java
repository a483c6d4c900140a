package bgmbatch.report;

import static bgmbatch.report.Html.esc;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import bgmbatch.engine.Stage;

/** The HTML of one item: a card for a delivered one, or one that says what needs a person's attention. */
final class ItemCards {

	/** Labels longer than this may not fit a phone's width. */
	private static final int LONG_LABEL = 32;

	private final JobFacts job;

	private final Path folder;

	ItemCards(JobFacts job, Path folder) {
		this.job = job;
		this.folder = folder;
	}

	/**
	 * A delivered item. With pictures: a frame that plays the output in place, and its sound
	 * before and after; without (past the first N items): the same card, text only.
	 */
	void delivered(Writer out, ItemReport item, Pictures.ItemPictures pictures) throws IOException {
		String name = Path.of(item.output()).getFileName().toString();
		String link = Html.relativeLink(this.folder, Path.of(item.output()));
		boolean frame = pictures != null && pictures.frame() != null;
		out.write("<article class=\"item" + (pictures == null ? " compact" : frame ? "" : " noframe") + "\" id=\""
				+ Html.anchor(item.id()) + "\" data-line=\"" + item.line() + "\" data-seconds=\""
				+ Html.decimal(item.totalSeconds()) + "\" data-video=\""
				+ (item.videoSeconds() == null ? "" : Html.decimal(item.videoSeconds())) + "\" data-name=\""
				+ esc(name) + "\">");
		if (frame) {
			out.write("<div class=\"frame\"><a class=\"play\" href=\"" + esc(link) + "\" title=\"Play " + esc(name)
					+ " here\"><img alt=\"A frame of " + esc(name) + "\" src=\"" + Html.dataUri("image/jpeg", pictures.frame())
					+ "\"></a><video controls preload=\"none\" src=\"" + esc(link) + "\" hidden></video></div>");
		}
		out.write("<div class=\"body\"><h3><a href=\"" + esc(link) + "\">" + esc(name) + "</a></h3><p class=\"meta\">"
				+ esc(item.id()) + " · line " + item.line() + " · from " + esc(Path.of(item.video()).getFileName().toString())
				+ (item.videoSeconds() == null ? "" : " · " + Times.words(item.videoSeconds()) + " of video")
				+ "</p>");
		instruction(out, item);
		for (String warning : item.warnings()) {
			out.write("<p class=\"warning\">⚠ " + esc(warning) + "</p>");
		}
		PlanText plan = item.planText();
		labels(out, plan.labels(), false);
		if (pictures == null) {
			labels(out, plan.labels(), true);
		}
		out.write("<p class=\"times\">" + times(item) + "</p></div>");
		if (pictures != null) {
			out.write("<div class=\"soundbox\">");
			sound(out, pictures);
			labels(out, plan.labels(), true);
			out.write("</div>");
		}
		out.write("</article>\n");
	}

	/** An item that needs attention: what happened, why, and what to do. */
	void attention(Writer out, ItemReport item, Pictures.ItemPictures pictures) throws IOException {
		String kind = item.delivered() ? "warned" : item.result();
		String chip = switch (item.status()) {
			case DELIVERED -> "delivered, with a warning";
			case PENDING -> "not reached";
			default -> item.result();
		};
		boolean frame = pictures != null && pictures.frame() != null;
		out.write("<article class=\"problem " + kind + (frame ? "" : " noframe") + "\" data-id=\"" + esc(item.id())
				+ "\">");
		if (frame) {
			out.write("<div class=\"frame\"><img alt=\"A frame of " + esc(Path.of(item.video()).getFileName().toString())
					+ "\" src=\"" + Html.dataUri("image/jpeg", pictures.frame()) + "\"></div>");
		}
		out.write("<div class=\"body\"><h3><span class=\"chip " + kind + "\">" + chip + "</span> " + esc(item.id())
				+ "</h3><p class=\"meta\">line " + item.line() + " · "
				+ esc(Path.of(item.video()).getFileName().toString()));
		if (item.delivered()) {
			out.write(" · <a href=\"#" + Html.anchor(item.id()) + "\">its card below</a>");
		}
		else if (item.status() != bgmbatch.ledger.ItemStatus.PENDING || !item.seconds().isEmpty()) {
			out.write(" · stopped at " + esc(this.job.word(item.stage())));
		}
		out.write("</p>");
		instruction(out, item);
		if (item.delivered()) {
			for (String warning : item.warnings()) {
				out.write("<p class=\"warning\">⚠ " + esc(warning) + "</p>");
			}
		}
		else if (!item.reason().isEmpty()) {
			out.write("<p class=\"reason\"><b>Why:</b> " + esc(item.reason()) + "</p>");
		}
		out.write("<p class=\"todo\"><b>What to do:</b> " + esc(Advice.of(item, this.job)) + "</p></div></article>\n");
	}

	private static void instruction(Writer out, ItemReport item) throws IOException {
		if (item.instruction().isBlank()) {
			out.write("<p class=\"instruction empty\">no instruction</p>");
		}
		else {
			out.write("<p class=\"instruction\">" + esc(item.instruction()) + "</p>");
		}
	}

	/** The plan's labels, or only its measurements ({@code measured}) in a row of their own. */
	private static void labels(Writer out, List<PlanText.Label> labels, boolean measured) throws IOException {
		StringBuilder list = new StringBuilder();
		for (PlanText.Label label : labels) {
			if ("measured".equals(label.kind()) == measured) {
				list.append("<li class=\"").append(label.kind()).append('"');
				if (label.text().length() > LONG_LABEL) {
					// a long label is cut with an ellipsis on a narrow screen: the whole of it on hover
					list.append(" title=\"").append(esc(label.text())).append('"');
				}
				list.append('>').append(esc(label.text())).append("</li>");
			}
		}
		if (!list.isEmpty()) {
			out.write("<ul class=\"labels" + (measured ? " measured" : "") + "\">" + list + "</ul>");
		}
	}

	private static void sound(Writer out, Pictures.ItemPictures pictures) throws IOException {
		if (pictures.before() == null && pictures.after() == null) {
			return;
		}
		out.write("<div class=\"sound\" title=\"Sound level along the video on one scale for both: 0 dBFS at the edges, dotted lines at -20 and -40 dBFS, -60 dBFS in the middle\">");
		soundRow(out, "before", pictures.before(), "no sound in the original");
		soundRow(out, "after", pictures.after(), "the output's sound could not be read");
		out.write("</div>");
	}

	private static void soundRow(Writer out, String label, byte[] png, String missing) throws IOException {
		out.write("<span>" + label + "</span>");
		if (png == null) {
			out.write("<span class=\"none\">" + missing + "</span>");
		}
		else {
			out.write("<img alt=\"The sound " + label + ", as a waveform\" src=\"" + Html.dataUri("image/png", png)
					+ "\">");
		}
	}

	/** {@code done in 2.0 s · probing 0.1 · planning 0.4 …}, with the stage words of this engine. */
	private String times(ItemReport item) {
		StringBuilder text = new StringBuilder("done in ").append(Times.words(item.totalSeconds()));
		for (Map.Entry<Stage, Double> stage : item.seconds().entrySet()) {
			text.append(" · ").append(esc(this.job.word(stage.getKey()))).append(' ')
				.append(String.format(Locale.ROOT, "%.1f", stage.getValue()));
		}
		if (item.credits() > 0) {
			text.append(" · ").append(Html.plural(item.credits(), "credit", "credits"));
		}
		return text.toString();
	}

}
