package bgmbatch.progress;

import java.io.IOException;
import java.util.function.IntSupplier;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal's width, asked anew at every redraw so a resized window is followed. Read
 * through JLine (which the progressbar library brings); 80 columns when it cannot tell.
 */
final class TerminalWidth implements IntSupplier, AutoCloseable {

	static final int FALLBACK = 80;

	private Terminal terminal;

	private boolean failed;

	@Override
	public synchronized int getAsInt() {
		if (this.terminal == null && !this.failed) {
			try {
				// dumb(true): a terminal JLine cannot open becomes a dumb one instead of a warning on the console
				this.terminal = TerminalBuilder.builder().system(true).dumb(true).build();
			}
			catch (IOException | RuntimeException ex) {
				this.failed = true;
			}
		}
		int width = this.terminal == null ? 0 : this.terminal.getWidth();
		return width >= 20 ? width : FALLBACK;
	}

	@Override
	public synchronized void close() {
		if (this.terminal != null) {
			try {
				this.terminal.close();
			}
			catch (IOException ex) {
				// the terminal is going away with the process anyway
			}
			this.terminal = null;
		}
	}

}
