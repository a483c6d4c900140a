package bgmbatch.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * PostgreSQL advisory locks that a run holds for its whole life, on one connection kept
 * open for it: two runs of the same job, or two runs writing into the same output folder,
 * never run at once, whichever machines they start on. PostgreSQL drops the locks when
 * the connection ends, so the locks of a killed manager are free at once; a manager on a
 * machine that vanished without closing its connection holds them until PostgreSQL notices
 * (its {@code tcp_keepalives_*} settings; see the README).
 */
public final class AdvisoryLocks implements AutoCloseable {

	private final Connection connection;

	private final List<Long> held = new ArrayList<>();

	private AdvisoryLocks(Connection connection) {
		this.connection = connection;
	}

	/** Opens the connection that will hold the locks. */
	public static AdvisoryLocks open(DataSource dataSource) throws SQLException {
		return new AdvisoryLocks(dataSource.getConnection());
	}

	/**
	 * Takes the lock named by the kind and name, without waiting.
	 * @return false when another session holds it
	 */
	public synchronized boolean tryHold(String kind, String name) throws SQLException {
		long key = key(kind, name);
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				if (rs.getBoolean(1)) {
					this.held.add(key);
					return true;
				}
				return false;
			}
		}
	}

	/** Releases every lock taken here and returns the connection. */
	@Override
	public synchronized void close() throws SQLException {
		try (Connection closing = this.connection) {
			for (long key : this.held) {
				try (PreparedStatement statement = closing.prepareStatement("SELECT pg_advisory_unlock(?)")) {
					statement.setLong(1, key);
					statement.executeQuery().close();
				}
			}
			this.held.clear();
		}
	}

	/** A lock's 64-bit key: the first eight bytes of the SHA-256 of kind and name, so distinct names never meet by accident. */
	static long key(String kind, String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("bgm-batch:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < Long.BYTES; i++) {
				key = (key << 8) | (digest[i] & 0xff);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
