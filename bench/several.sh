#!/usr/bin/env bash
# Benchmarks of several machines (README, "Running on several machines"), played by worker
# processes pinned to cores of this machine. Needs PostgreSQL and RabbitMQ: the ones
# .ci/run starts, or those named like the tests' (BGM_TEST_POSTGRES_URL/_USER/_PASSWORD,
# BGM_TEST_RABBITMQ_HOST/_PORT).
#   7a  16 one-minute clips: 1 worker pinned to core 0 vs 2 workers pinned to cores 0 and 1,
#       the manager's work step (read from the job repository) ÷ each other; target ≥ 1.8×
#   7b  the distributed path's own cost per item: 200 items, no-op engine, one worker lane,
#       manager run (JVM start to exit) − the one-machine run of the same manifest, ÷ 200
#   bench/several.sh [quick]     quick: 8 clips and 100 items (a look, not a verdict)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
target="$here/target"
quick=false; [ "${1:-}" = quick ] && quick=true
clips=16; items=200
$quick && { clips=8; items=100; }

pg_url="${BGM_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
pg_user="${BGM_TEST_POSTGRES_USER:-postgres}"
pg_password="${BGM_TEST_POSTGRES_PASSWORD:-postgres}"
mq_host="${BGM_TEST_RABBITMQ_HOST:-127.0.0.1}"
mq_port="${BGM_TEST_RABBITMQ_PORT:-5672}"
shared=(--spring.datasource.url="$pg_url" --spring.datasource.username="$pg_user"
  --spring.datasource.password="$pg_password" --spring.rabbitmq.host="$mq_host" --spring.rabbitmq.port="$mq_port")
sql() { PGPASSWORD="$pg_password" psql "${pg_url#jdbc:}" -U "$pg_user" -qtA -c "$1"; }
sql "SELECT 1" >/dev/null || { echo "PostgreSQL at $pg_url is not reachable (see the header of $0)" >&2; exit 2; }

"$here/run.sh" --prepare-only
mapfile -t jit < <("$here/run.sh" --print-jit)   # the JIT options the job runs with
# the no-op engine is a test class (as in bench/run.sh)
stamp="$target/bench.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find "$here/src" "$here/pom.xml" -newer "$stamp" -print -quit)" ]; then
  (cd "$here" && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$target/bench-classpath.txt") >&2
  rm -rf "$target/bench-classes"; mkdir -p "$target/bench-classes"
  cp -r "$target/test-classes/bgmbench" "$target/bench-classes/"
  touch "$stamp"
fi
noop_cp="$target/app/batch.jar:$target/app/lib/*:$target/bench-classes"

work="$here/bench/work/several"
run_id="$(date +%s)"
runs="$work/runs-$run_id"
mkdir -p "$work/in" "$runs"
clip="$work/in/clip-60s.mp4"; music="$work/in/music-60s.mp3"; tiny="$work/in/tiny.mp4"
[ -f "$clip" ] || ffmpeg -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=60 \
  -f lavfi -i sine=frequency=440:duration=60 -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac "$clip"
[ -f "$music" ] || ffmpeg -v error -y -f lavfi -i "sine=frequency=330:duration=60" -c:a libmp3lame "$music"
[ -f "$tiny" ] || ffmpeg -v error -y -f lavfi -i testsrc=size=160x120:rate=15:duration=1 \
  -f lavfi -i sine=duration=1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac "$tiny"

manifest() { # name count video
  local dir="$runs/$1"; mkdir -p "$dir"
  { echo "video,instruction,music,output,id"
    for i in $(seq 1 "$2"); do
      ln -f "$3" "$dir/in-$i.mp4"
      echo "in-$i.mp4,add calm background music and fade it out at the end,$music,out-$i.mp4,item-$i"
    done; } > "$dir/videos.csv"
  echo "$dir/videos.csv"
}

pids=()
stop_workers() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap stop_workers EXIT

start_worker() { # core name [engine args...]
  local core="$1" name="$2"; shift 2
  taskset -c "$core" java "${jit[@]}" -cp "$noop_cp" bgmbatch.BgmBatchApplication worker \
    concurrency=1 state-dir="$runs/state-$name" "$@" "${shared[@]}" > "$runs/$name.log" 2>&1 &
  pids+=($!)
  until grep -q "Worker serving" "$runs/$name.log"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$runs/$name.log" >&2; exit 1; }
    sleep 0.2
  done
}

# seconds of the manager's work step in its latest job execution for this output folder
work_seconds() {
  sql "SELECT EXTRACT(EPOCH FROM (S.END_TIME - S.START_TIME)) FROM BATCH_STEP_EXECUTION S
       JOIN BATCH_JOB_EXECUTION_PARAMS P ON P.JOB_EXECUTION_ID = S.JOB_EXECUTION_ID
       WHERE S.STEP_NAME = 'work' AND P.PARAMETER_NAME = 'output' AND P.PARAMETER_VALUE = '$1'
       ORDER BY S.STEP_EXECUTION_ID DESC LIMIT 1"
}

# seconds of the work step of the last run logged in a state folder ("Step: [work] executed in 1m2s345ms")
step_seconds() {
  grep -h "Step: \[work\] executed in" "$1/logs/bgm-batch.log" | tail -1 | sed 's/.*executed in //' |
    awk '{ t = 0; while (match($0, /^[0-9]+(ms|h|m|s)/)) { u = substr($0, RSTART, RLENGTH); $0 = substr($0, RLENGTH + 1);
      n = u + 0; if (u ~ /ms$/) t += n / 1000; else if (u ~ /h$/) t += n * 3600; else if (u ~ /m$/) t += n * 60; else t += n }
      printf "%.3f\n", t }'
}

manager() { # name manifest slots [args...]; prints the wall seconds
  local name="$1" m="$2" slots="$3"; shift 3
  local t0 t1
  t0=$(date +%s.%N)
  java "${jit[@]}" -cp "$noop_cp" bgmbatch.BgmBatchApplication manifest="$m" output="$runs/$name/out" \
    state-dir="$runs/state-manager-$name" distributed=true concurrency="$slots" quiet=true "$@" "${shared[@]}" \
    > "$runs/manager-$name.log" 2>&1 || { echo "manager $name failed:" >&2; tail -20 "$runs/manager-$name.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

echo "[7a] $clips one-minute clips, 1 worker on core 0..." >&2
m1="$(manifest one "$clips" "$clip")"
start_worker 0 one-a
manager one "$m1" 1 >/dev/null
one=$(work_seconds "$runs/one/out")
stop_workers
echo "[7a] the same on 2 workers, cores 0 and 1..." >&2
m2="$(manifest two "$clips" "$clip")"
start_worker 0 two-a
start_worker 1 two-b
manager two "$m2" 2 >/dev/null
two=$(work_seconds "$runs/two/out")
stop_workers
speedup=$(echo "scale=3; $one / $two" | bc)
verdict=$(echo "$speedup >= 1.8" | bc | sed 's/1/MET/;s/0/MISSED/')

echo "[7b] $items tiny items, no-op engine: one machine, then one worker lane..." >&2
# no waveform pictures: drawing them is the report's cost, the same on both paths, and the
# largest and most load-dependent part of a run of tiny items (37.8 s of 85 s for 100 pictures)
noop=(engine=noop --spring.main.sources=bgmbench.NoopEngineConfiguration --bench.noop.template="$tiny" report-waveforms=0)
m3="$(manifest local "$items" "$tiny")"
t0=$(date +%s.%N)
java "${jit[@]}" -cp "$noop_cp" bgmbatch.BgmBatchApplication manifest="$m3" output="$runs/local/out" \
  state-dir="$runs/state-local" concurrency=1 quiet=true "${noop[@]}" > "$runs/local.log" 2>&1
t1=$(date +%s.%N)
local_wall=$(echo "$t1 - $t0" | bc)
m4="$(manifest dist "$items" "$tiny")"
start_worker 0 noop-a "${noop[@]}"
dist_wall=$(manager dist "$m4" 1 "${noop[@]}")
dist_work=$(work_seconds "$runs/dist/out")
stop_workers
local_work=$(step_seconds "$runs/state-local")
overhead_ms=$(echo "scale=1; ($dist_wall - $local_wall) * 1000 / $items" | bc)
work_ms=$(echo "scale=1; ($dist_work - $local_work) * 1000 / $items" | bc)

printf '\n%-4s %-66s %-22s %-10s %s\n' row "what" "value" target verdict
printf '%-4s %-66s %-22s %-10s %s\n' 7a "$clips clips: 1 worker (core 0) ÷ 2 workers (cores 0, 1), work step" \
  "${speedup}x (${one}s / ${two}s)" ">= 1.8x" "$verdict"
printf '%-4s %-66s %-22s %-10s %s\n' 7b "distributed path's extra cost per item (no-op engine, $items items)" \
  "${work_ms} ms/item" info "-"
echo
echo "7a: the manager's work step as the job repository recorded it (the workers were started, and waiting, before it);"
echo "    each worker one lane pinned with taskset; the manager and PostgreSQL/RabbitMQ are not pinned."
echo "7b: the work step of the manager run (one worker lane, PostgreSQL and RabbitMQ) ${dist_work}s minus the work"
echo "    step of the one-machine run of the same manifest at concurrency 1 (HSQLDB) ${local_work}s, over $items items;"
echo "    whole runs, JVM start to exit: ${dist_wall}s vs ${local_wall}s, ${overhead_ms} ms per item apart."
echo "    Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo "logs: $runs"
