package bgmbatch.engine;

import java.util.List;
import java.util.Map;

/**
 * What an engine would do with one item, for {@code explain=true} (people) and
 * {@code explain=json} (machines).
 *
 * @param plan the plan, as the ledger and the report keep it
 * @param because one line per part of the plan the instruction set, naming the phrases
 * that set it ({@code fade-out 5 s <- "am Ende über 5 Sekunden ausblenden"})
 * @param fields the plan's parts by name, as plain values (strings, numbers, booleans,
 * lists and maps of them), for JSON
 */
public record Explanation(Plan plan, List<String> because, Map<String, Object> fields) {

	public Explanation {
		because = List.copyOf(because);
		fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
	}

}
