#!/usr/bin/env bash
# Runs bgm-batch with the given settings and, only when it exits non-zero, sends the
# end-of-run summary to a person: POSTed as JSON {"text": ...} to $BGM_NOTIFY_WEBHOOK
# (Slack/Mattermost/Teams-style incoming webhook), or mailed to $BGM_NOTIFY_MAIL with
# mail(1). The full output still goes to stdout for the cron/journal log, and the job's
# exit code is passed on (0 ok, 1 failed, 2 bad invocation, 3 skipped items, 4 credits
# or plan limits, 5 already running).
#
#   jobs/bgm-batch-notify.sh manifest=/srv/videos/videos.csv output=/srv/videos/out
#
# BGM_BATCH_CMD overrides how the job is started (default: <repo>/run.sh, which runs the jar
# with its start-up cache; see README, "Start-up").
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${BGM_BATCH_CMD:-$here/../run.sh}"
log="$(mktemp "${TMPDIR:-/tmp}/bgm-batch.XXXXXX")"
trap 'rm -f "$log"' EXIT

# progress=plain: timestamped lines for the log, no terminal control codes
$cmd progress=plain "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
[ "$code" -eq 0 ] && exit 0

# The summary is the last paragraph the job printed (it starts after a blank line).
summary="$(awk 'BEGIN{p=""} /^[[:space:]]*$/{p=""; next} {p = p $0 "\n"} END{printf "%s", p}' "$log")"
[ -n "$summary" ] || summary="$(tail -n 20 "$log")"
subject="bgm-batch on $(hostname): exit $code"
text="$subject
$summary"

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
