#!/usr/bin/env bash
# Runs bgm-batch: builds the jar when it is missing or older than the sources, makes sure
# ffmpeg is installed, then runs the job with the given settings. With no settings it
# runs the sample manifest.  Usage: ./run.sh [manifest=FILE] [output=DIR] [...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/batch.jar"

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

ensure_ffmpeg
build_if_stale
if [ $# -eq 0 ]; then
  set -- "manifest=$here/samples/videos.csv"
fi
exec java -jar "$jar" "$@"
