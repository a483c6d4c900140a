package bgmbatch.engine.local.words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

/**
 * Makes {@code number-words.txt} from ICU's spell-out rules: every cardinal form (masculine,
 * feminine, German's inflected "einen", Chinese "两") of 0 to 100 in the eight languages,
 * and the ordinals from 3 ("the twentieth second", "la vingtième seconde"); first and
 * second are left out, as "second" and "segundo" are units.
 * Shipped as a file because building it at run time costs about 300 ms of ICU data loading
 * (measured on 2 cores); {@code NumberWordsTest} checks the file is exactly what ICU says.
 */
final class NumberWordsTable {

	static final int LARGEST = 100;

	private NumberWordsTable() {
	}

	static String generate() {
		StringBuilder out = new StringBuilder();
		out.append("# Generated from ICU's spell-out rules by NumberWordsTable (test sources); do not edit by hand.\n");
		out.append("# language value: spelling | spelling\n");
		for (Language language : Language.values()) {
			RuleBasedNumberFormat format = new RuleBasedNumberFormat(new ULocale(language.code()),
					RuleBasedNumberFormat.SPELLOUT);
			List<String> ruleSets = new ArrayList<>();
			List<String> ordinals = new ArrayList<>();
			for (String name : format.getRuleSetNames()) {
				if ((name.startsWith("%spellout-cardinal") && !name.contains("financial") && !name.contains("verbose"))
						|| name.equals("%spellout-numbering")) {
					ruleSets.add(name);
				}
				else if (name.startsWith("%spellout-ordinal") && !name.contains("verbose")) {
					ordinals.add(name);
				}
			}
			for (int value = 0; value <= LARGEST; value++) {
				Set<String> spellings = new LinkedHashSet<>();
				for (String ruleSet : ruleSets) {
					spellings.add(format.format(value, ruleSet).replace("\u00ad", "").toLowerCase(Locale.ROOT));
				}
				for (String ruleSet : value >= 3 ? ordinals : List.<String>of()) {
					spellings.add(format.format(value, ruleSet).replace("\u00ad", "").toLowerCase(Locale.ROOT));
				}
				out.append(language.code()).append(' ').append(value).append(": ")
					.append(String.join(" | ", spellings)).append('\n');
			}
		}
		return out.toString();
	}

	static Map<String, String> lines(String table) {
		Map<String, String> lines = new LinkedHashMap<>();
		for (String line : table.split("\n")) {
			if (!line.startsWith("#") && !line.isBlank()) {
				lines.put(line.substring(0, line.indexOf(':')), line);
			}
		}
		return lines;
	}

	public static void main(String[] args) throws Exception {
		java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), generate());
	}

}
