package bgmbatch.progress;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.jline.utils.WCWidth;

import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A block of lines at the bottom of a terminal, redrawn in place: the consumer the
 * progressbar library draws its bar into, with the lines below the bar (one per worker)
 * drawn by us at the same time. The library's own multi-bar consumer neither clears a line
 * before writing a shorter one ("rendering (1s)s)" stayed on screen) nor keeps the bars in
 * a fixed order, so every line here is erased ({@code ESC[2K}) before it is written and
 * cut to the terminal's width, and the block is always drawn whole, top to bottom.
 * <p>
 * Lines printed by others while the block is up (a warning in the log) go through
 * {@link #printAbove}: the block is erased, the line printed, the block drawn again below it.
 * Thread-safe: the library's timer, the workers and the log all draw through one lock.
 */
final class LiveScreen implements ProgressBarConsumer {

	private static final String ESC = "\u001b[";

	private final PrintStream out;

	private final IntSupplier width;

	private final Supplier<List<String>> below;

	/** Lines of the block now on screen; the cursor is at the end of the last one. */
	private int shown;

	private List<String> last = List.of();

	private boolean closed;

	/**
	 * @param out the terminal
	 * @param width the terminal's width now, in columns
	 * @param below the lines under the bar, asked for at every redraw
	 */
	LiveScreen(PrintStream out, IntSupplier width, Supplier<List<String>> below) {
		this.out = out;
		this.width = width;
		this.below = below;
	}

	/** One column is left free: writing the last column makes some terminals wrap early. */
	@Override
	public int getMaxRenderedLength() {
		return Math.max(20, this.width.getAsInt() - 1);
	}

	/** The library hands over the bar's line: draw it with the lines below it. */
	@Override
	public void accept(String bar) {
		List<String> lines = new ArrayList<>();
		lines.add(bar);
		lines.addAll(this.below.get());
		draw(lines);
	}

	synchronized void draw(List<String> lines) {
		if (this.closed) {
			return;
		}
		StringBuilder screen = new StringBuilder();
		toTop(screen);
		int max = getMaxRenderedLength();
		for (int i = 0; i < lines.size(); i++) {
			if (i > 0) {
				screen.append("\r\n");
			}
			screen.append(ESC).append("2K").append(fit(lines.get(i), max));
		}
		for (int i = lines.size(); i < this.shown; i++) {
			// the block got shorter: the old lines below go, and the cursor comes back
			screen.append("\r\n").append(ESC).append("2K");
		}
		if (this.shown > lines.size()) {
			screen.append(ESC).append(this.shown - lines.size()).append('A');
		}
		this.out.print(screen);
		this.out.flush();
		this.shown = lines.size();
		this.last = List.copyOf(lines);
	}

	/** Prints a line of someone else's above the block, which is drawn again below it. */
	synchronized void printAbove(String line) {
		if (this.closed || this.shown == 0) {
			this.out.println(line);
			this.out.flush();
			return;
		}
		StringBuilder screen = new StringBuilder();
		toTop(screen);
		screen.append(ESC).append('J').append(line).append("\r\n");
		this.out.print(screen);
		this.shown = 0;
		List<String> again = this.last;
		this.last = List.of();
		draw(again);
	}

	/** Leaves the bar's last line on screen, erases the lines below it, and puts the cursor under the bar. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		if (this.shown > 0) {
			StringBuilder screen = new StringBuilder();
			toTop(screen);
			screen.append("\n\r").append(ESC).append('J');
			this.out.print(screen);
			this.out.flush();
		}
		this.closed = true;
		this.shown = 0;
	}

	/** The cursor to the start of the block's first line. */
	private void toTop(StringBuilder screen) {
		if (this.shown > 0) {
			screen.append('\r');
			if (this.shown > 1) {
				screen.append(ESC).append(this.shown - 1).append('A');
			}
		}
	}

	/**
	 * Cuts a line to {@code columns} as the terminal counts them (a CJK character takes
	 * two, a colour code none), and resets the colour when the cut falls inside one.
	 */
	static String fit(String line, int columns) {
		StringBuilder fitted = new StringBuilder(line.length());
		int used = 0;
		boolean coloured = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
				int end = i + 2;
				while (end < line.length() && (line.charAt(end) < '@' || line.charAt(end) > '~')) {
					end++;
				}
				if (end < line.length() && line.charAt(end) == 'm') {
					// only colours pass; any other sequence (a cursor move) would break the block
					String sequence = line.substring(i, end + 1);
					fitted.append(sequence);
					coloured = !sequence.equals("\u001b[0m") && !sequence.equals("\u001b[m");
				}
				i = end;
				continue;
			}
			int cp = line.codePointAt(i);
			if (Character.isISOControl(cp)) {
				continue;
			}
			int w = Math.max(0, WCWidth.wcwidth(cp));
			if (used + w > columns) {
				break;
			}
			used += w;
			fitted.appendCodePoint(cp);
			if (Character.charCount(cp) == 2) {
				i++;
			}
		}
		if (coloured) {
			fitted.append("\u001b[0m");
		}
		return fitted.toString();
	}

	/** An output stream whose lines go above the block: for log lines while the display is up. */
	OutputStream linesAbove() {
		return new OutputStream() {

			private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

			@Override
			public synchronized void write(int b) {
				if (b == '\n') {
					String text = this.line.toString(StandardCharsets.UTF_8);
					this.line.reset();
					printAbove(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
				}
				else {
					this.line.write(b);
				}
			}

			@Override
			public synchronized void flush() {
				// a line is printed whole when its end comes; half a line would tear the block
			}

		};
	}

}
