package bgmbatch.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import bgmbatch.state.StateFolder;

/** Opens a manifest's job database the way the application does, to inspect what it left. */
final class StateDatabase {

	private StateDatabase() {
	}

	/** Opens the database (failing if it does not open cleanly) and runs a count per group. */
	static Map<String, Integer> countBy(Path stateDir, Path manifest, String sql) throws SQLException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		try (Connection connection = open(stateDir, manifest);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				counts.put(rs.getString(1), rs.getInt(2));
			}
		}
		return counts;
	}

	/** Each item's last error (null when it has none), by id. */
	static Map<String, String> lastErrors(Path stateDir, Path manifest) throws SQLException {
		Map<String, String> errors = new LinkedHashMap<>();
		try (Connection connection = open(stateDir, manifest);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT ITEM_ID, LAST_ERROR FROM BGM_ITEM")) {
			while (rs.next()) {
				errors.put(rs.getString(1), rs.getString(2));
			}
		}
		return errors;
	}

	/** ifexists=true: a missing database is an error here, never silently created empty. */
	static Connection open(Path stateDir, Path manifest) throws SQLException {
		return DriverManager.getConnection(new StateFolder(stateDir).databaseUrl(manifest) + ";ifexists=true", "SA",
				"");
	}

}
