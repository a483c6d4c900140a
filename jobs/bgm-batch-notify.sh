#!/usr/bin/env bash
# Runs bgm-batch with the given settings and, only when it exits non-zero, tells a person
# what happened in words, with the summary and where the report is: POSTed as JSON
# {"text": ...} to $BGM_NOTIFY_WEBHOOK (Slack/Mattermost/Teams-style incoming webhook), or
# mailed to $BGM_NOTIFY_MAIL with mail(1). The full output still goes to stdout for the
# cron/journal log, and the job's exit code is passed on (0 ok, 1 failed, 2 bad invocation,
# 3 skipped items, 4 credits or plan limits, 5 already running, 143/130 stopped by a signal).
#
#   jobs/bgm-batch-notify.sh manifest=/srv/bgm-batch/videos/videos.csv output=/srv/bgm-batch/videos/out
#
# Give report-url=https://host/path/ (where the output folder is served) and the message
# carries the report's address instead of its path.
#
# BGM_BATCH_CMD overrides how the job is started (default: <repo>/run.sh, which runs the jar
# with its start-up cache; for an installed jar without Maven, e.g.
# BGM_BATCH_CMD="java -jar /opt/bgm-batch/batch.jar"; see README, "Running it every night").
#
# SIGTERM (systemd stopping the service) and SIGINT are passed on to the job, which stops
# cleanly and records the run as stopped; the next run resumes it.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${BGM_BATCH_CMD:-$here/../run.sh}"
log="$(mktemp "${TMPDIR:-/tmp}/bgm-batch.XXXXXX")"
trap 'rm -f "$log"' EXIT

# The job runs in the background so this shell can pass signals on; progress=plain gives
# dated lines for the log and no terminal control codes. Its output goes to the log file and,
# through tail, to our stdout.
# shellcheck disable=SC2086 # BGM_BATCH_CMD may hold "java -jar FILE"
$cmd progress=plain "$@" > "$log" 2>&1 &
job=$!
tail -n +1 -f --pid="$job" "$log" &
follower=$!
forward() {
  kill -s "$1" "$job" 2>/dev/null
}
trap 'forward TERM' TERM
trap 'forward INT' INT
# wait returns early when a trapped signal arrives; wait again until the job has ended
code=0
while :; do
  wait "$job"
  code=$?
  kill -0 "$job" 2>/dev/null || break
done
wait "$follower" 2>/dev/null
[ "$code" -eq 0 ] && exit 0

case "$code" in
  1) outcome="failed; the next run resumes it" ;;
  2) outcome="refused to start: bad invocation, manifest or state folder, or ffmpeg missing; nothing was done" ;;
  3) outcome="finished, but some items were skipped (the report says why)" ;;
  4) outcome="stopped for credits or plan limits; run again once resolved" ;;
  5) outcome="did not start: another run of the same manifest or output folder is in progress" ;;
  130|143) outcome="stopped by a signal; the next run resumes it" ;;
  *) outcome="ended unexpectedly" ;;
esac

# The summary is the last paragraph the job printed (it starts after a blank line).
summary="$(awk 'BEGIN{p=""} /^[[:space:]]*$/{p=""; next} {p = p $0 "\n"} END{printf "%s", p}' "$log")"
[ -n "$summary" ] || summary="$(tail -n 20 "$log")"
report="$(sed -n 's/^  report: \(.*\) (also report.csv, report.json)$/\1/p' "$log" | tail -n 1)"
subject="bgm-batch on $(hostname): $outcome (exit $code)"
text="$subject
$summary"
if [ -n "$report" ]; then
  text="$text
Report: $report"
fi

if [ -n "${BGM_NOTIFY_WEBHOOK:-}" ]; then
  json_text="$(printf '%s' "$text" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r//g' | awk '{printf "%s%s", (NR>1 ? "\\n" : ""), $0}')"
  if ! curl -fsS --max-time 30 -X POST -H 'Content-Type: application/json' \
      --data "{\"text\": \"$json_text\"}" "$BGM_NOTIFY_WEBHOOK" >/dev/null; then
    echo "bgm-batch-notify: could not post the summary to the webhook" >&2
  fi
elif [ -n "${BGM_NOTIFY_MAIL:-}" ]; then
  if ! printf '%s\n' "$text" | mail -s "$subject" "$BGM_NOTIFY_MAIL"; then
    echo "bgm-batch-notify: could not mail the summary to $BGM_NOTIFY_MAIL" >&2
  fi
else
  echo "bgm-batch-notify: set BGM_NOTIFY_WEBHOOK or BGM_NOTIFY_MAIL to be told about this" >&2
fi
exit "$code"
