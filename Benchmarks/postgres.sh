#!/usr/bin/env bash
# Measures the PostgreSQL log beside the file log, in one run, release build: opening and folding
# 100,000 and 1,000,000 events (a cold query, no snapshot cache), and appends per second with one
# and with four writers. Starts its own throwaway server (scripts/start-postgres).
#     Benchmarks/postgres.sh            # both sizes
#     EVENTS="100000" Benchmarks/postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TIMELINE_NEED_POSTGRES=1 source scripts/ensure-deps
swift build -c release --static-swift-stdlib --product timeline >&2
timeline="$PWD/.build/release/timeline"
source scripts/start-postgres
work="$(mktemp -d /tmp/timeline-pg-bench.XXXXXX)"
trap 'timeline_stop_postgres; rm -rf "$work"' EXIT
server="${TIMELINE_TEST_POSTGRES%%\?*}"
query="${TIMELINE_TEST_POSTGRES#*\?}"
url() { echo "postgresql://postgres@/$1?$query"; }
calc() { awk "BEGIN { print $* }"; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); calc "$end - $start"; }

printf '%-44s %12s %12s %8s\n' "task" "file (s)" "postgres (s)" "ratio"
for events in ${EVENTS:-100000 1000000}; do
  file="$work/g$events.jsonl"
  "$timeline" --log "$file" generate --events "$events" --recorded-at 2026-01-01T00:00:00Z >/dev/null
  psql "$TIMELINE_TEST_POSTGRES" -qc "CREATE DATABASE g$events" >/dev/null
  "$timeline" --quiet copy "$file" "$(url g$events)" >/dev/null
  statement="print count(members ORG0001 at 2000)"
  file_time=$(seconds "$timeline" --no-cache --log "$file" -c "$statement")
  pg_time=$(seconds "$timeline" --log "$(url g$events)" -c "$statement")
  printf '%-44s %12.2f %12.2f %8.2f\n' "open, fold and one query, $events events" "$file_time" "$pg_time" "$(calc "$pg_time / $file_time")"
done

# Appends: 2,000 events in batches of 50, by one writer, then by four writers at once (500 each).
psql "$TIMELINE_TEST_POSTGRES" -qc "CREATE DATABASE appends1" -c "CREATE DATABASE appends4" >/dev/null
for writer in 0 1 2 3; do
  for batch in $(seq 0 9); do
    for event in $(seq 0 49); do echo "append milestone SCO on 2030 text \"w$writer b$batch e$event\" source \"bench\""; done >"$work/w$writer-$batch.tl"
  done
done
for target in file postgres; do
  if [ "$target" = file ]; then one="$work/a1.jsonl"; four="$work/a4.jsonl"; cp Events/diplomacy.jsonl "$one"; cp Events/diplomacy.jsonl "$four"
  else one="$(url appends1)"; four="$(url appends4)"; "$timeline" --quiet copy Events/diplomacy.jsonl "$one" >/dev/null; "$timeline" --quiet copy Events/diplomacy.jsonl "$four" >/dev/null; fi
  start=$(date +%s.%N)
  for writer in 0 1 2 3; do "$timeline" --log "$one" run "$work"/w$writer-*.tl >/dev/null; done
  single=$(calc "2000 / ($(date +%s.%N) - $start)")
  start=$(date +%s.%N)
  for writer in 0 1 2 3; do "$timeline" --log "$four" run "$work"/w$writer-*.tl >/dev/null & done
  wait
  parallel=$(calc "2000 / ($(date +%s.%N) - $start)")
  printf '%-44s %12.0f\n' "appends per second, one writer, $target" "$single"
  printf '%-44s %12.0f\n' "appends per second, four writers, $target" "$parallel"
  "$timeline" --log "$four" verify >/dev/null
done
