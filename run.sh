#!/usr/bin/env bash
# Runs bgm-batch: builds the jar when it is missing or older than the sources, makes sure
# ffmpeg is installed, then runs the job with the given settings. With no settings it
# runs the sample manifest.  Usage: ./run.sh [manifest=FILE] [output=DIR] [...]
#
# Start-up is most of a one-clip run, so the jar is run extracted with a class-data-
# sharing archive (about half the start-up time), rebuilt whenever the jar is rebuilt.
# ./run.sh --prepare-only builds jar and archive and exits (the benchmarks use it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/batch.jar"
app="$here/target/app"
archive="$app/app.jsa"

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

# The archive records the classes a start loads; it is only valid for the jar it was made
# from (another Java ignores it and starts normally), so it is remade whenever the jar is newer. Training starts the
# application up to a refreshed context and exits there (spring.context.exit=onRefresh),
# before any job runs; the context needs a manifest for its database, so it gets the
# sample manifest and a throwaway state folder.
archive_if_stale() {
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
    return 0
  fi
  echo "Making the start-up archive $archive..." >&2
  rm -rf "$app"
  java -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
  local scratch
  scratch="$(mktemp -d)"
  if ! java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -Dspring.context.exit=onRefresh -jar "$app/batch.jar" \
      "manifest=$here/samples/videos.csv" "state-dir=$scratch/state" "output=$scratch/output" \
      >"$scratch/training.log" 2>&1 || [ ! -f "$archive" ]; then
    echo "Could not make the start-up archive (see $scratch/training.log); running without it." >&2
    rm -f "$archive"
    return 0
  fi
  rm -rf "$scratch"
}

ensure_ffmpeg
build_if_stale
archive_if_stale
if [ "${1:-}" = "--prepare-only" ]; then
  exit 0
fi
if [ $# -eq 0 ]; then
  set -- "manifest=$here/samples/videos.csv"
fi
# C1 only: on two cores the C2 compiler's threads take the CPU start-up needs (measured
# with the archive: first item under way after 2.3 s instead of 4.0 s); the job's own Java
# work is small beside ffmpeg and the network, and was no slower over 200 items.
if [ -f "$archive" ]; then
  exec java -XX:SharedArchiveFile="$archive" -Xlog:cds=off -XX:TieredStopAtLevel=1 -jar "$app/batch.jar" "$@"
fi
exec java -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
