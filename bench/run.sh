#!/usr/bin/env bash
# Runs the benchmarks of issue 7 and prints the machine and one table of ratios against
# baselines measured in the same run (see README, "Benchmarks").
#   bench/run.sh                 everything (under 10 minutes on 2 cores)
#   bench/run.sh quick           a quick look (1-2 minutes): fewer runs, smaller batches, no 500 MB run
#   bench/run.sh [quick] local batch flow startup overhead cloud memory   only those sections
# Inputs are generated once into bench/work/ (about 25 s the first time) and kept.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
target="$here/target"

# the jar, its start-up cache and ffmpeg, exactly as a user's run.sh run gets them
"$here/run.sh" --prepare-only

# the bench is compiled with the tests (src/bench/java, added by build-helper-maven-plugin), beside
# the pieces it uses from them (the fake cloud server); the no-op engine is the bench's own
stamp="$target/bench.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find "$here/src" "$here/pom.xml" -newer "$stamp" -print -quit)" ]; then
  echo "Compiling the test classes the benchmarks use..." >&2
  (cd "$here" && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$target/bench-classpath.txt") >&2
  rm -rf "$target/bench-classes"
  mkdir -p "$target/bench-classes"
  # only the bench's own package: the application must not scan other tests' configurations
  cp -r "$target/test-classes/bgmbench" "$target/bench-classes/"
  touch "$stamp"
fi

# the fake cloud server keeps uploads and renders in memory (the 500 MB run needs a few copies)
exec java -Xmx4g -Dbench.repo="$here" \
  -Dbench.noop.classpath="$target/app/batch.jar:$target/app/lib/*:$target/bench-classes" \
  -cp "$target/classes:$target/test-classes:$(cat "$target/bench-classpath.txt")" \
  bgmbench.Bench "$@"
