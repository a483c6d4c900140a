package bgmbatch.ledger;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import bgmbatch.engine.Plan;
import bgmbatch.engine.Stage;

/** Reads ledger rows into {@link LedgerItem}s and writes their JSON columns. */
final class LedgerRows {

	private static final TypeReference<Map<String, String>> HANDLES = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Double>> TIMINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, String>>> STAGE_LOG = new TypeReference<>() {
	};

	private final ObjectMapper json = new ObjectMapper();

	/** Plans written by a later version, with parts this one does not know, still read. */
	private final ObjectMapper plans = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
			false);

	LedgerItem map(ResultSet rs, int rowNum) throws SQLException {
		String music = rs.getString("MUSIC");
		return new LedgerItem(rs.getString("JOB_KEY"), rs.getString("ITEM_ID"), rs.getInt("SEQ"), rs.getLong("LINE"),
				Path.of(rs.getString("VIDEO")), rs.getString("FINGERPRINT"), rs.getString("INSTRUCTION"),
				music == null ? null : Path.of(music), Path.of(rs.getString("OUTPUT")), Stage.valueOf(rs.getString("STAGE")),
				ItemStatus.valueOf(rs.getString("STATUS")), plan(rs.getString("PLAN")), read(rs.getString("HANDLES"), HANDLES),
				read(rs.getString("TIMINGS"), TIMINGS), rs.getInt("ATTEMPTS"), rs.getString("LAST_ERROR"),
				rs.getInt("CREDITS"), rs.getTimestamp("UPDATED_AT").toInstant(), rs.getString("CLAIMED_BY"),
				stageLog(rs.getString("STAGE_LOG")));
	}

	/** The stage log as JSON: a list of {stage, worker, start, end}, times in ISO-8601 UTC. */
	String write(List<StageRun> runs) {
		List<Map<String, String>> entries = new ArrayList<>();
		for (StageRun run : runs) {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("stage", run.stage().name());
			entry.put("worker", run.worker());
			entry.put("start", run.started().toString());
			entry.put("end", run.finished().toString());
			entries.add(entry);
		}
		return writeJson(entries);
	}

	String write(Map<String, ?> map) {
		return writeJson(map);
	}

	/** The plan as JSON, or null for none. */
	String write(Plan plan) {
		return plan == null ? null : writeJson(plan);
	}

	/**
	 * The plan in the PLAN column: JSON, or, in a row an older version wrote (a job
	 * started before the upgrade), the plan's one line of text, kept as it is.
	 */
	Plan plan(String column) {
		if (column == null) {
			return null;
		}
		if (!column.startsWith("{")) {
			return Plan.line(column);
		}
		try {
			return this.plans.readValue(column, Plan.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("corrupt ledger column PLAN: " + ex.getOriginalMessage(), ex);
		}
	}

	private List<StageRun> stageLog(String text) {
		List<Map<String, String>> entries = read(text, STAGE_LOG);
		if (entries == null) {
			return List.of();
		}
		return entries.stream()
			.map((e) -> new StageRun(Stage.valueOf(e.get("stage")), e.get("worker"), Instant.parse(e.get("start")),
					Instant.parse(e.get("end"))))
			.toList();
	}

	private String writeJson(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("maps, lists and records of strings always serialize", ex);
		}
	}

	private <T> T read(String text, TypeReference<T> type) {
		if (text == null) {
			return null;
		}
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("corrupt ledger column: " + ex.getOriginalMessage(), ex);
		}
	}

}
