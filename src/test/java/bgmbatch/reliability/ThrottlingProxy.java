package bgmbatch.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that passes what clients send upstream at a bounded rate and
 * counts it, so a test can act (kill the client) once a known share of an upload has
 * gone through: the moment is set by bytes, not by a guess at timing.
 */
final class ThrottlingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final long bytesPerSecond;

	private final AtomicLong sent = new AtomicLong();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile long threshold = Long.MAX_VALUE;

	private volatile CountDownLatch reached = new CountDownLatch(1);

	ThrottlingProxy(int targetPort, long bytesPerSecond) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		this.targetPort = targetPort;
		this.bytesPerSecond = bytesPerSecond;
		Thread acceptor = new Thread(this::accept, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** A latch released once this many more bytes have been sent upstream. */
	CountDownLatch after(long bytes) {
		this.reached = new CountDownLatch(1);
		this.threshold = this.sent.get() + bytes;
		return this.reached;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client.getInputStream(), upstream.getOutputStream(), true);
				pump(upstream.getInputStream(), client.getOutputStream(), false);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(InputStream in, OutputStream out, boolean upstream) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (in; out) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
					if (upstream) {
						if (this.sent.addAndGet(read) >= this.threshold) {
							this.reached.countDown();
						}
						// the bound on the rate: what the test's timing rests on, not a poll
						Thread.sleep(Math.max(1, read * 1000L / this.bytesPerSecond));
					}
				}
			}
			catch (IOException | InterruptedException ex) {
				// a side closed: the other follows
			}
		}, upstream ? "proxy-up" : "proxy-down");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
