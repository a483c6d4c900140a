package bgmbatch.engine.local;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan as the rules fill it in. A field left null was not asked for and takes its
 * default. Level candidates are collected with their weight, so a number ("30%") wins over
 * a word ("quiet"), which wins over what "keep the voice clear" implies, which wins over a
 * relative word ("a bit louder").
 */
final class Draft {

	/** How sure a level statement is: the highest wins, the first of equals. */
	enum Weight {

		RELATIVE, IMPLIED, WORD, NUMBER

	}

	record Level(double volume, String asked, Weight weight, int at) {

	}

	final List<String> moods = new ArrayList<>();

	final List<String> styles = new ArrayList<>();

	final List<Level> levels = new ArrayList<>();

	Boolean ducking;

	Double duckingDb;

	Double fadeIn;

	Double fadeOut;

	Boolean keepOriginal;

	Double start;

	Double end;

	Boolean loop;

	Double loudness;

	final List<String> warnings = new ArrayList<>();

	void level(double volume, String asked, Weight weight, int at) {
		this.levels.add(new Level(volume, asked, weight, at));
	}

}
