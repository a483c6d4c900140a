#!/usr/bin/env bash
# Runs bgm-batch: builds the jar when it is missing or older than the sources, makes sure
# ffmpeg is installed, then runs the job with the given settings. With no settings it
# runs the sample manifest.  Usage: ./run.sh [manifest=FILE] [output=DIR] [...]
#
# Start-up is most of a one-clip run. The jar already carries Spring's build-time bean
# definitions (Spring AOT); run.sh adds the JVM's own start-up cache, made once by a
# training run and remade whenever the jar or the Java changes:
#   - a JDK 25 or newer (on the PATH, or /usr/lib/jvm/temurin-25*): its AOT cache
#     (JEP 483/514: classes loaded and linked, and method profiles, from the training run);
#   - otherwise (Java 17 is enough): a class-data-sharing archive of the loaded classes.
# JAVA=/path/to/bin/java ./run.sh ...   runs with that Java instead (17 or newer)
# ./run.sh --prepare-only      builds jar and cache and exits (the benchmarks use it)
# ./run.sh --print-command     prepares, then prints the java command it would run, one word a line
# ./run.sh --print-jit         prints the JIT options the job runs with, one a line (nothing else is done)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/batch.jar"
app="$here/target/app"

# C1 only: on two cores the C2 compiler's threads take the CPU start-up needs (measured
# with the Java 17 archive: first item under way after 2.3 s instead of 4.0 s); the job's
# own Java work is small beside ffmpeg and the network, and was no slower over 200 items.
# The benchmarks start the job with the same options: they ask for them with --print-jit.
jit=(-XX:TieredStopAtLevel=1)
if [ "${1:-}" = --print-jit ]; then
  printf '%s\n' "${jit[@]}"
  exit 0
fi

ensure_ffmpeg() {
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null && return 0
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "ffmpeg is missing; installing it with apt-get..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "ffmpeg is missing; installing it with sudo apt-get..." >&2
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null
  else
    echo "ffmpeg is missing. Install it, then run this again:  sudo apt-get install -y ffmpeg" >&2
    exit 2
  fi
}

build_if_stale() {
  if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "Building $jar..." >&2
    (cd "$here" && mvn -q -B -DskipTests package) >&2
  fi
}

# The version a JDK declares in its release file (read, not run: starting a JVM to ask costs time).
release_version() {
  sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null | head -n 1
}

# Picks the Java to run: $JAVA when set; else the one on the PATH when it is 25 or newer,
# else a JDK 25+ in /usr/lib/jvm, else the one on the PATH. Sets java and java_version.
pick_java() {
  local path_java candidate version
  if [ -n "${JAVA:-}" ]; then
    java="$JAVA"
    java_version="$(release_version "$(dirname "$(dirname "$(readlink -f "$java")")")")"
    java_version="${java_version:-unknown}"
    return 0
  fi
  path_java="$(command -v java || true)"
  if [ -z "$path_java" ]; then
    echo "Java is missing. Install Java 17 or newer, e.g.:  sudo apt-get install -y openjdk-17-jre-headless" >&2
    exit 2
  fi
  for candidate in "$(dirname "$(dirname "$(readlink -f "$path_java")")")" /usr/lib/jvm/temurin-2[5-9]*; do
    version="$(release_version "$candidate")"
    if [ -x "$candidate/bin/java" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      java="$candidate/bin/java"; java_version="$version"
      return 0
    fi
  done
  java="$path_java"
  java_version="$(release_version "$(dirname "$(dirname "$(readlink -f "$path_java")")")")"
  java_version="${java_version:-unknown}"
}

# The cache for this Java, and the options that use it (also given to the training run:
# the JVM only takes a cache made with the same options).
cache_options() {
  if [ "${java_version%%.*}" -ge 25 ] 2>/dev/null; then
    cache="$app/app.aot"
    use_cache=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
    make_cache=(-XX:AOTCacheOutput="$cache" -Xlog:aot=off -Xlog:cds=off)
  else
    cache="$app/app.jsa"
    use_cache=(-XX:SharedArchiveFile="$cache" -Xlog:cds=off)
    make_cache=(-XX:ArchiveClassesAtExit="$cache" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}

# The jar is run extracted: the JVM caches only classes from plain jars on the class path.
extract_if_stale() {
  if [ -f "$app/extracted" ] && [ "$app/extracted" -nt "$jar" ]; then
    return 0
  fi
  rm -rf "$app"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
  touch "$app/extracted"
}

# The cache records what a start loads; it is only valid for the jar and the Java it was
# made with (another Java ignores it and starts normally), so it is remade when either
# changes. Training runs the sample manifest through the whole job (3 clips, one missing
# file), so the classes of the job itself, the reports and ffprobe's answers are in it too.
cache_if_stale() {
  local stamp="$cache.made-with" scratch
  if [ -f "$cache" ] && [ "$cache" -nt "$app/extracted" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$java $java_version" ]; then
    return 0
  fi
  echo "Making the start-up cache $cache (once per build and Java)..." >&2
  rm -f "$cache" "$stamp"
  scratch="$(mktemp -d)"
  "$java" "${make_cache[@]}" "${jit[@]}" -jar "$app/batch.jar" \
      "manifest=$here/samples/videos.csv" "state-dir=$scratch/state" "output=$scratch/output" \
      >"$scratch/training.log" 2>&1 || true
  if [ ! -f "$cache" ]; then
    echo "Could not make the start-up cache (see $scratch/training.log); running without it." >&2
    return 0
  fi
  echo "$java $java_version" >"$stamp"
  rm -rf "$scratch"
}

ensure_ffmpeg
build_if_stale
pick_java
cache_options
extract_if_stale
cache_if_stale
if [ -f "$cache" ]; then
  command=("$java" "${use_cache[@]}" "${jit[@]}" -jar "$app/batch.jar")
else
  command=("$java" "${jit[@]}" -jar "$jar")
fi
case "${1:-}" in
  --prepare-only) exit 0 ;;
  --print-command) printf '%s\n' "${command[@]}"; exit 0 ;;
esac
if [ $# -eq 0 ]; then
  set -- "manifest=$here/samples/videos.csv"
fi
exec "${command[@]}" "$@"
