package bgmbench;

/**
 * How big a bench run is. {@link #FULL} and {@link #QUICK} are what {@code bench/run.sh}
 * runs; {@link #SMOKE} is the one tiny case per section that {@code mvn test} runs
 * ({@link BenchSmokeTest}): it proves every section still runs end to end and fills its
 * rows, and its numbers mean nothing.
 */
enum Mode {

	FULL, QUICK, SMOKE;

	/** The value for this mode. */
	<T> T pick(T full, T quick, T smoke) {
		return switch (this) {
			case FULL -> full;
			case QUICK -> quick;
			case SMOKE -> smoke;
		};
	}

	int pick(int full, int quick, int smoke) {
		return this == FULL ? full : this == QUICK ? quick : smoke;
	}

	boolean full() {
		return this == FULL;
	}

	String describe() {
		return pick("full", "quick (fewer runs, smaller batches: a first look, not a verdict)",
				"smoke (one tiny case per section: the code runs, the numbers mean nothing)");
	}

}
