#!/usr/bin/env bash
# Times Timeline against the tools a user would otherwise pick, in one run, on one generated log:
#   - sqlite3: an indexed table built from `timeline export intervals --format csv` (with the
#     countries' names), asked the same 10,000 as-of membership questions in SQL: counted, and
#     with their answers written out as CSV and as JSON (the same rows: country, kind, name,
#     status, since; Timeline writes more columns);
#   - jq: merely reading the JSON Lines log.
# Then Timeline's own targets on the same log: verify, one durable append from a fresh process,
# and a script of 100,000 appends. Prints each time (the best of three runs; appends start each
# run from a fresh copy of the log; a start with one query and with 10,000 are the best of seven
# each, alternated) and the ratios.
# Usage: Benchmarks/compare.sh [EVENTS] (default 1000000).
# Installs sqlite3 and jq with apt-get when missing. Work files go to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-1000000}"
queries=10000

TIMELINE_NEED_PEERS=1 scripts/ensure-deps
if ! command -v swift >/dev/null 2>&1; then export PATH="/opt/swift/usr/bin:$PATH"; fi
swift build -c release --static-swift-stdlib --product timeline >&2
timeline="$PWD/.build/release/timeline"
work="$(mktemp -d "${TMPDIR:-/tmp}/timeline-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$work/log.jsonl"

# Wall-clock seconds and peak resident memory (MB) of a command; its output goes to $work/out.
measure() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" > "$work/out"
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc -l)
  megabytes=$(( $(cat "$work/rss") / 1024 ))
}
# Whether the last measurement ($seconds) beats BEST (or there is no best yet).
beats() { [ -z "$1" ] || [ "$(echo "$seconds < $1" | bc -l)" = 1 ]; }
# The best of three runs (the first may pay for a cold page cache).
best_of_3() {
  local best="" best_mb=""
  for _ in 1 2 3; do
    measure "$@"
    if beats "$best"; then best=$seconds; best_mb=$megabytes; fi
  done
  seconds=$best
  megabytes=$best_mb
}
# The best of seven runs each of two commands, alternated (A B B A …), as `short` (A) and `long`
# (B): the queries' time after start is their difference, and alternating keeps the machine's
# drift within a run out of it. Usage: best_alternated A... -- B...
best_alternated() {
  local a=() b=() seen="" arg i side best_a="" best_b="" mb_a="" mb_b=""
  for arg in "$@"; do
    if [ -z "$seen" ] && [ "$arg" = "--" ]; then seen=1; elif [ -z "$seen" ]; then a+=("$arg"); else b+=("$arg"); fi
  done
  for i in 1 2 3 4 5 6 7; do
    for side in $([ $((i % 2)) = 1 ] && echo "a b" || echo "b a"); do
      if [ "$side" = a ]; then
        measure "${a[@]}"
        if beats "$best_a"; then best_a=$seconds; mb_a=$megabytes; fi
      else
        measure "${b[@]}"
        cp "$work/out" "$work/out-long"
        if beats "$best_b"; then best_b=$seconds; mb_b=$megabytes; fi
      fi
    done
  done
  short=$best_a short_mb=$mb_a long=$best_b long_mb=$mb_b
  mv "$work/out-long" "$work/out"
}
row() { printf '%-46s %9.3f s %7s MB\n' "$1" "$2" "$3"; }
ratio() { echo "scale=1; $1 / $2" | bc -l; }

echo "Timeline $("$timeline" --version 2>/dev/null || echo) on $(nproc) cores: $events generated events, $queries as-of queries"
measure "$timeline" generate --events "$events" --seed 7 --log "$log"
row "timeline generate" "$seconds" "$megabytes"
size_mb=$(( $(stat -c %s "$log") / 1048576 ))
echo "log: $size_mb MB"

# The same 10,000 questions for both engines: members of a random organization on a random day.
"$timeline" --log "$log" --no-cache --format json -c 'orgs' > "$work/orgs.json"
jq -r '.[] | [.id, (.ladder | split(" < ") | last)] | @tsv' "$work/orgs.json" > "$work/orgs.tsv"
awk -v n="$queries" 'BEGIN { srand(7) } { org[NR] = $1 } END {
  for (i = 0; i < n; i++) {
    o = org[int(rand() * NR) + 1]
    printf "%s\t%04d-%02d-%02d\n", o, 1900 + int(rand() * 126), 1 + int(rand() * 12), 1 + int(rand() * 28)
  } }' "$work/orgs.tsv" > "$work/questions.tsv"
awk -F'\t' '{ printf "print count(members %s at %s)\n", $1, $2 }' "$work/questions.tsv" > "$work/queries.tl"
awk -F'\t' '{ printf "print count(members %s at %s)\n", $1, $2; exit }' "$work/questions.tsv" > "$work/one.tl"
awk -F'\t' '{ printf "members %s at %s\n", $1, $2 }' "$work/questions.tsv" > "$work/members.tl"
awk -F'\t' -v q="'" '{ printf "SELECT count(*) FROM intervals i JOIN tops t ON t.org = i.org AND t.top = i.status WHERE i.org = %s%s%s AND i.from_day <= %s%s%s AND (i.to_day = %s%s OR i.to_day > %s%s%s);\n", q, $1, q, q, $2, q, q, q, q, $2, q }' "$work/questions.tsv" > "$work/queries.sql"
head -n 1 "$work/queries.sql" > "$work/one.sql"
# The same members answers in SQL: the top status's intervals open at the day, with the names.
awk -F'\t' -v q="'" '{ printf "SELECT i.country, i.kind, c.name, i.status, i.from_day AS since FROM intervals i JOIN tops t ON t.org = i.org AND t.top = i.status LEFT JOIN countries c ON c.code = i.country WHERE i.org = %s%s%s AND i.from_day <= %s%s%s AND (i.to_day = %s%s OR i.to_day > %s%s%s) ORDER BY i.from_day;\n", q, $1, q, q, $2, q, q, q, q, $2, q }' "$work/questions.tsv" > "$work/members.sql"
# The countries' names, from the registry Timeline is built with (alpha-3 code, name).
grep -o 'alpha3: "[A-Z]*", alpha2: "[A-Z]*", numeric: "[0-9]*", name: "[^"]*"' Sources/TimelineCore/Countries/CountryRegistry+Entries.swift \
  | sed -E 's/alpha3: "([A-Z]*)".*name: "([^"]*)"/\1\t\2/' > "$work/names.tsv"

# Timeline: cold start (no cache) answering one query; building the snapshot; starting from it.
best_of_3 "$timeline" --log "$log" --no-cache run "$work/one.tl"
cold=$seconds; row "timeline cold start + 1 query (--no-cache)" "$seconds" "$megabytes"
measure "$timeline" --log "$log" run "$work/one.tl"
row "timeline first run (folds, writes the snapshot)" "$seconds" "$megabytes"
best_alternated "$timeline" --log "$log" run "$work/one.tl" -- "$timeline" --log "$log" run "$work/queries.tl"
snap=$short; row "timeline start from snapshot + 1 query" "$short" "$short_mb"
tl_all=$long; cp "$work/out" "$work/timeline-answers"
row "timeline start from snapshot + $queries queries" "$long" "$long_mb"

# sqlite3: the intervals, indexed; the same questions.
measure "$timeline" --log "$log" --format csv -c 'export intervals'
row "timeline export intervals --format csv" "$seconds" "$megabytes"
mv "$work/out" "$work/intervals.csv"
db="$work/intervals.db"
cat > "$work/build.sql" <<SQL
CREATE TABLE intervals (org TEXT, country TEXT, kind TEXT, status TEXT, from_day TEXT, to_day TEXT);
CREATE TABLE tops (org TEXT PRIMARY KEY, top TEXT);
CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT);
.mode csv
.import --skip 1 $work/intervals.csv intervals
.mode tabs
.import $work/orgs.tsv tops
.import $work/names.tsv countries
CREATE INDEX intervals_by_org_status_from ON intervals (org, status, from_day);
ANALYZE;
SQL
measure sqlite3 "$db" ".read $work/build.sql"
row "sqlite3 import + index" "$seconds" "$megabytes"
best_alternated sqlite3 "$db" ".read $work/one.sql" -- sqlite3 "$db" ".read $work/queries.sql"
sq_one=$short; row "sqlite3 start + 1 query" "$short" "$short_mb"
sq_all=$long; cp "$work/out" "$work/sqlite-answers"
row "sqlite3 start + $queries queries" "$long" "$long_mb"

# The same questions with their answers written out, whole processes, as a user runs them.
best_of_3 "$timeline" --log "$log" --format csv run "$work/members.tl"
tl_csv=$seconds; cp "$work/out" "$work/timeline-members.csv"
row "timeline $queries members answers, --format csv" "$seconds" "$megabytes"
best_of_3 "$timeline" --log "$log" --format json run "$work/members.tl"
tl_json=$seconds; cp "$work/out" "$work/timeline-members.json"
row "timeline $queries members answers, --format json" "$seconds" "$megabytes"
best_of_3 sqlite3 -csv -header "$db" ".read $work/members.sql"
sq_csv=$seconds; cp "$work/out" "$work/sqlite-members.csv"
row "sqlite3 the same answers, -csv -header" "$seconds" "$megabytes"
best_of_3 sqlite3 -json "$db" ".read $work/members.sql"
sq_json=$seconds; cp "$work/out" "$work/sqlite-members.json"
row "sqlite3 the same answers, -json" "$seconds" "$megabytes"
tl_rows=$(grep -vc '^ordinal,' "$work/timeline-members.csv" || true)
sq_rows=$(grep -vc '^country,' "$work/sqlite-members.csv" || true)
# The same rows, whatever their order within an answer: country, status and since of each.
same_rows=$(comm -12 <(awk -F, '$1 != "ordinal" { print $2 "," $5 "," $6 }' "$work/timeline-members.csv" | sort) \
  <(awk -F, '$1 != "country" { print $1 "," $4 "," $5 }' "$work/sqlite-members.csv" | sort) | wc -l)

# jq merely reading the log.
best_of_3 jq -c empty "$log"
jq_read=$seconds; row "jq reading the log (jq -c empty)" "$seconds" "$megabytes"

# Timeline's other targets on the same log.
best_of_3 "$timeline" --log "$log" verify
row "timeline verify" "$seconds" "$megabytes"
# Appends change the log: each of the three runs starts from a fresh, flushed copy of it.
fresh_copy() { cp "$log" "$1"; rm -f "$1.head" "$1.snapshot"; sync "$1"; }
best_of_3_on_copies() {  # best_of_3_on_copies PREPARE COMMAND...: PREPARE runs before each run
  local prepare=$1 best="" best_mb=""; shift
  for _ in 1 2 3; do
    $prepare
    measure "$@"
    if beats "$best"; then best=$seconds; best_mb=$megabytes; fi
  done
  seconds=$best
  megabytes=$best_mb
}
founding='append founding BENCH on 2029-12-31 name "Bench Union" founders USA ladder observer member source "compare.sh"'
one_append_copy() { fresh_copy "$work/append.jsonl"; }
best_of_3_on_copies one_append_copy "$timeline" --log "$work/append.jsonl" -c "$founding"
row "timeline -c 'append …' (fresh process, one event)" "$seconds" "$megabytes"
# 100,000 appends: 200 countries accede and withdraw in turn, four events a day from 2030.
awk -F'\t' 'NR > 1 && $2 != "USA" && !seen[$2]++ && n < 200 { c[n++] = $2 } END {
  for (i = 0; i < 100000; i++) {
    d = 2030 * 372 + int(i / 4)   # a running count of 31-day months from 2030, four events a day
    day = d % 31 + 1; if (day > 28) day = 28
    kind = (int(i / 200) % 2 == 0) ? "accession" : "withdrawal"
    printf "append %s BENCH %s on %04d-%02d-%02d source \"compare.sh\"\n", kind, c[i % 200], int(d / 372), int(d % 372 / 31) + 1, day
  } }' <(tr ',' '\t' < "$work/intervals.csv") > "$work/appends.tl"
script_copy() { fresh_copy "$work/appends.jsonl"; "$timeline" --log "$work/appends.jsonl" -c "$founding" > /dev/null; }
best_of_3_on_copies script_copy "$timeline" --log "$work/appends.jsonl" run "$work/appends.tl"
row "timeline run: a script of 100,000 appends" "$seconds" "$megabytes"
grep -q "appended 100000 events" "$work/out" || { echo "compare.sh: the append script failed" >&2; exit 1; }

tl_queries=$(echo "$tl_all - $snap" | bc -l)
sq_queries=$(echo "$sq_all - $sq_one" | bc -l)
same=$(paste "$work/timeline-answers" "$work/sqlite-answers" | awk -F'\t' '$1 == $2' | wc -l)
echo
printf '%-46s %9.3f s\n' "timeline: $queries queries after start" "$tl_queries"
printf '%-46s %9.3f s\n' "sqlite3: $queries queries after start" "$sq_queries"
echo "queries, sqlite3 / timeline (after start):      $(ratio "$sq_queries" "$tl_queries")x"
echo "queries, sqlite3 / timeline (whole process):    $(ratio "$sq_all" "$tl_all")x"
echo "cold start, jq reading / timeline --no-cache:   $(ratio "$jq_read" "$cold")x"
echo "start, jq reading / timeline from snapshot:     $(ratio "$jq_read" "$snap")x"
echo "answers equal to sqlite3's (exact-date SQL; Timeline also counts possible members): $same of $queries"
echo
echo "written answers: $tl_rows rows from Timeline, $sq_rows from sqlite3, $same_rows of them the same (country, status, since)"
echo "written answers, CSV, sqlite3 / timeline (whole process):  $(ratio "$sq_csv" "$tl_csv")x"
echo "written answers, JSON, sqlite3 / timeline (whole process): $(ratio "$sq_json" "$tl_json")x"
