package bgmbatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/** Small pieces of HTML for the report: escaping, links, inline pictures, numbers. */
final class Html {

	private Html() {
	}

	static String esc(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/** An inline picture: the page must open with no network and no files beside it. */
	static String dataUri(String type, byte[] bytes) {
		return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
	}

	/** A link from report.html to a file: URL-escaped path segments, relative when the file is below the folder. */
	static String relativeLink(Path folder, Path file) {
		Path target = file.toAbsolutePath().normalize();
		Path base = folder.toAbsolutePath().normalize();
		if (!target.startsWith(base)) {
			return target.toUri().toString();
		}
		StringBuilder link = new StringBuilder();
		for (Path segment : base.relativize(target)) {
			if (!link.isEmpty()) {
				link.append('/');
			}
			link.append(URLEncoder.encode(segment.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return link.toString();
	}

	/** An id attribute value that is safe and unique enough for an item's anchor. */
	static String anchor(String id) {
		return "item-" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace('%', '_');
	}

	static String count(long n) {
		return String.format(Locale.ENGLISH, "%,d", n);
	}

	static String plural(long n, String one, String many) {
		return count(n) + " " + (n == 1 ? one : many);
	}

	static String decimal(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	static String resource(String name) {
		try (InputStream in = Html.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("the report's " + name + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
