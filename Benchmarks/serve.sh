#!/usr/bin/env bash
# Load-tests `timeline serve` (release build) beside Datasette, in one run, on the bundled log:
#   - the members of SCO at 2024-07-04 and of the UN at 2011-07-14 (193 rows), as JSON;
#   - the page `/` (Timeline's explorer; Datasette's index page).
# Datasette serves the same membership intervals from SQLite: a file built from
# `timeline export intervals --format csv` (and the countries' names from /api/v1/countries),
# asked with a canned SQL query. Before any timing, the script checks that both servers answer
# each members question with the same countries (and names and statuses).
# Each server runs alone, fresh, pinned to one core, and wrk to the other (taskset); each
# (tool, question) gets a warm-up, then one timed wrk run with --latency. Prints requests per
# second, p50 and p99 latency, the server's peak memory (VmHWM) and the errors (non-2xx/3xx
# answers plus socket errors; any error makes the script exit 1), then the ratios.
#     Benchmarks/serve.sh                          # 10 s, 64 connections, 2 threads
#     Benchmarks/serve.sh --duration 30 --connections 128 --threads 2 --warmup 5
#     TIMELINE_BIN=/path/to/timeline Benchmarks/serve.sh   # skip the build
# Installs wrk with apt-get when missing. Datasette (pinned below) goes into a virtual
# environment under ${XDG_CACHE_HOME:-~/.cache}/timeline/datasette-venv, made on the first run.
# Work files go to a temporary folder; the bundled log is copied there, never written.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10 connections=64 threads=2 warmup=3 timeout=2 server_cpu=0 wrk_cpu=1 port=18780 save=""
usage() {
  echo "usage: Benchmarks/serve.sh [--duration S] [--connections N] [--threads N] [--warmup S]" >&2
  echo "         [--timeout S (wrk's; a slower answer counts as an error)] [--server-cpu C] [--wrk-cpu C]" >&2
  echo "         [--port P (P and P+1 are used)] [--save DIR (keeps wrk's outputs and the figures)]" >&2
  exit 64
}
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --timeout) timeout=${2:?}; shift 2 ;;
    --server-cpu) server_cpu=${2:?}; shift 2 ;;
    --wrk-cpu) wrk_cpu=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --save) save=${2:?}; shift 2 ;;
    -h | --help) usage ;;
    *) echo "serve.sh: unknown argument $1" >&2; usage ;;
  esac
done
tl_port=$port ds_port=$((port + 1))

# Exactly what Datasette's environment holds (installed with --no-deps, then `pip check`ed).
DATASETTE_PINS=(
  datasette==0.65.5
  aiofiles==25.1.0 anyio==4.16.0 asgi-csrf==0.11 asgiref==3.13.0 certifi==2026.10.19.post1
  click==8.5.1 click-default-group==1.2.4 flexcache==0.3 flexparser==0.4 h11==0.16.0
  httpcore==1.0.9 httpx==0.28.1 hupper==1.12.1 idna==3.20 itsdangerous==2.2.0 janus==2.0.0
  Jinja2==3.1.6 MarkupSafe==3.0.4 mergedeep==1.3.4 platformdirs==4.14.9 pluggy==1.7.0
  python-multipart==0.0.34 PyYAML==6.0.4 typing_extensions==4.16.0 uvicorn==0.54.0
)

# wrk and curl from Debian when missing.
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "serve.sh: installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -o DPkg::Lock::Timeout=300 >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -o DPkg::Lock::Timeout=300 "${missing[@]}" >&2
fi

# The release binary, unless TIMELINE_BIN names one.
if [ -n "${TIMELINE_BIN:-}" ]; then
  timeline="$TIMELINE_BIN"
else
  source scripts/ensure-deps
  swift build -c release --static-swift-stdlib --product timeline >&2
  timeline="$PWD/.build/release/timeline"
fi
[ -x "$timeline" ] || { echo "serve.sh: $timeline is not an executable" >&2; exit 66; }

# Datasette's private environment, made once and kept while the pins stay the same.
venv="${XDG_CACHE_HOME:-$HOME/.cache}/timeline/datasette-venv"
pins_text="$(printf '%s\n' "$(python3 -c 'import sys; print("python %d.%d" % sys.version_info[:2])')" "${DATASETTE_PINS[@]}")"
if [ ! -x "$venv/bin/datasette" ] || [ "$(cat "$venv/timeline-pins.txt" 2>/dev/null)" != "$pins_text" ]; then
  echo "serve.sh: creating $venv" >&2
  mkdir -p "$(dirname "$venv")"
  if ! python3 -m venv --clear "$venv" >&2; then
    # Debian splits venv (with ensurepip) out of python3 itself.
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "serve.sh: python3 -m venv failed; installing python3-venv with apt-get" >&2
    $sudo apt-get update -o DPkg::Lock::Timeout=300 >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -o DPkg::Lock::Timeout=300 python3-venv >&2
    python3 -m venv --clear "$venv" >&2
  fi
  pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input)
  "${pip[@]}" install --quiet --only-binary=:all: --no-deps "${DATASETTE_PINS[@]}" >&2
  "${pip[@]}" check >/dev/null
  printf '%s\n' "$pins_text" > "$venv/timeline-pins.txt"
fi
python="$venv/bin/python"

work="$(mktemp -d "${TMPDIR:-/tmp}/timeline-serve-bench.XXXXXX")"
server_pid="" servers=()
stop_servers() {  # every server this script started, by its process id
  local pid
  for pid in "${servers[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  servers=() server_pid=""
}
trap 'stop_servers; rm -rf "$work"' EXIT
slug() { echo "${1//[^A-Za-z0-9-]/_}"; }
cp Events/diplomacy.jsonl "$work/log.jsonl"
log="$work/log.jsonl"

for p in "$tl_port" "$ds_port"; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/"; then
    echo "serve.sh: something already answers on port $p; pick others with --port" >&2
    exit 69
  fi
done

# Starts one server pinned to the server core (taskset execs it: $! is the server itself) and
# waits until PATH answers 200.
start_server() {  # start_server NAME READY_URL COMMAND...
  local name=$1 ready=$2; shift 2
  taskset -c "$server_cpu" "$@" > "$work/$name.server.log" 2>&1 &
  server_pid=$!
  servers+=("$server_pid")
  for _ in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$ready" || true)" = 200 ]; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "serve.sh: $name exited before answering:" >&2; cat "$work/$name.server.log" >&2; exit 70
    fi
    sleep 0.1
  done
  echo "serve.sh: $name did not answer $ready within 30 s" >&2; exit 70
}
start_timeline() { start_server timeline "http://127.0.0.1:$tl_port/api/v1/head" "$timeline" serve --log "$log" --port "$tl_port"; }
start_datasette() {
  start_server datasette "http://127.0.0.1:$ds_port/-/versions.json" "$venv/bin/datasette" serve \
    --immutable "$work/intervals.db" --metadata "$work/metadata.json" --port "$ds_port" --setting sql_time_limit_ms 10000
}

# The questions: a name, Timeline's path, Datasette's path.
questions=(
  "members SCO 2024-07-04|/api/v1/orgs/SCO/members?at=2024-07-04|/intervals/members.json?org=SCO&at=2024-07-04&_shape=objects"
  "members UN 2011-07-14|/api/v1/orgs/UN/members?at=2011-07-14|/intervals/members.json?org=UN&at=2011-07-14&_shape=objects"
  "page /|/|/"
)

# The SQLite file: the intervals Timeline exports, the countries' names it serves, and an index.
"$timeline" --log "$log" --format csv -c 'export intervals' > "$work/intervals.csv"
start_timeline  # (both servers run at once for the check only; each is timed alone below)
curl -sf "http://127.0.0.1:$tl_port/api/v1/countries" > "$work/countries.json"
"$python" - "$work" <<'PY'
import csv, json, sqlite3, sys
work = sys.argv[1]
db = sqlite3.connect(f"{work}/intervals.db")
db.execute('CREATE TABLE intervals (org TEXT, country TEXT, status TEXT, "from" TEXT, "to" TEXT)')
db.execute("CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT)")
with open(f"{work}/intervals.csv", newline="") as f:
    rows = list(csv.DictReader(f))
assert rows and list(rows[0]) == ["org", "country", "kind", "status", "from", "to"], list(rows[0])
db.executemany("INSERT INTO intervals VALUES (?, ?, ?, ?, ?)", [(r["org"], r["country"], r["status"], r["from"], r["to"]) for r in rows])
countries = json.load(open(f"{work}/countries.json"))["rows"]
db.executemany("INSERT INTO countries VALUES (?, ?)", [(c["code"], c["name"]) for c in countries])
db.execute('CREATE INDEX intervals_by_org_status_from ON intervals (org, status, "from")')
db.execute("ANALYZE")
db.commit()
# A member at D: an interval of status 'member' that began on or before D and had not ended by
# D (intervals are half-open: `to` is the day the next status began; empty while it lasts).
sql = """SELECT i.country, c.name, i.status, i."from" AS since
FROM intervals i LEFT JOIN countries c ON c.code = i.country
WHERE i.org = :org AND i.status = 'member' AND i."from" <= :at AND (i."to" = '' OR i."to" > :at)
ORDER BY i."from", i.country"""
json.dump({"databases": {"intervals": {"queries": {"members": {"sql": sql}}}}}, open(f"{work}/metadata.json", "w"))
print(f"intervals.db: {len(rows)} intervals, {len(countries)} countries", file=sys.stderr)
PY

# The same rows from both, checked before any timing.
start_datasette
for q in "${questions[@]}"; do
  IFS='|' read -r name tl_path ds_path <<< "$q"
  for side in tl ds; do
    if [ $side = tl ]; then url="http://127.0.0.1:$tl_port$tl_path"; else url="http://127.0.0.1:$ds_port$ds_path"; fi
    code=$(curl -s -o "$work/answer.$side" -w '%{http_code} %{size_download}' "$url")
    [ "${code%% *}" = 200 ] || { echo "serve.sh: $url answered ${code%% *}, not 200" >&2; exit 1; }
    echo "${code#* }" > "$work/bytes.$side.$(slug "$name")"
  done
  case "$name" in
    members*)
      "$python" - "$work/answer.tl" "$work/answer.ds" "$name" <<'PY'
import json, sys
tl, ds, name = json.load(open(sys.argv[1]))["rows"], json.load(open(sys.argv[2]))["rows"], sys.argv[3]
codes_tl, codes_ds = {r["country"] for r in tl}, {r["country"] for r in ds}
if codes_tl != codes_ds or len(tl) != len(ds):
    sys.exit(f"serve.sh: {name}: the answers differ: only Timeline {sorted(codes_tl - codes_ds)}, only Datasette {sorted(codes_ds - codes_tl)}")
key = lambda r: (r["country"], r["name"], r["status"])
if sorted(map(key, tl)) != sorted(map(key, ds)):
    sys.exit(f"serve.sh: {name}: the same countries but different names or statuses")
# Timeline's `since` runs on through a succession (a seat kept by a successor state); an
# interval's `from` starts at the successor's own code, so the two may differ there.
since = {r["country"]: r["since"] for r in ds}
moved = sorted(r["country"] for r in tl if r["since"] != since[r["country"]])
note = f"; `since` differs for {', '.join(moved)} (succession)" if moved else ""
print(f"{name}: the same {len(tl)} countries, names and statuses from both{note}", file=sys.stderr)
PY
      ;;
  esac
done
stop_servers

# wrk's figures in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
results="$work/results.tsv"
: > "$results"
mkdir -p "$work/wrk-outputs"
echo "Timeline $("$timeline" --version 2>/dev/null || echo "?") and Datasette 0.65.5 on $(nproc) cores; server on cpu $server_cpu, wrk on cpu $wrk_cpu:" \
  "${duration} s, $connections connections, $threads threads, after a ${warmup} s warm-up"
for q in "${questions[@]}"; do
  IFS='|' read -r name tl_path ds_path <<< "$q"
  for tool in timeline datasette; do
    if [ $tool = timeline ]; then start_timeline; url="http://127.0.0.1:$tl_port$tl_path"
    else start_datasette; url="http://127.0.0.1:$ds_port$ds_path"; fi
    taskset -c "$wrk_cpu" wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout "${timeout}s" "$url" > /dev/null
    # One request at a time: the median of 21 (curl's time_total), to set beside the load.
    single=$(for _ in $(seq 1 21); do taskset -c "$wrk_cpu" curl -s -o /dev/null -w '%{time_total}\n' "$url"; done |
      sort -g | awk '{ t[NR] = $1 } END { printf "%.3f", t[11] * 1000 }')
    out="$work/wrk.$tool.$(slug "$name")"
    taskset -c "$wrk_cpu" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout "${timeout}s" --latency "$url" > "$out"
    cp "$out" "$work/wrk-outputs/"
    hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
    stop_servers
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    sock=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    errors=$(( ${sock:-0} + ${non2xx:-0} ))
    requests=$(awk '/requests in/ { print $1 }' "$out")
    if [ "${requests:-0}" = 0 ]; then errors=$((errors + 1)); echo "serve.sh: $tool answered no request on $name:" >&2; cat "$out" >&2; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$name" "$rps" "$p50" "$p99" "$((hwm_kb / 1024))" "$errors" "$requests" "$single" >> "$results"
    echo "  $tool, $name: $requests requests" >&2
  done
done

echo
printf '%-10s %-22s %10s %10s %10s %9s %7s %12s\n' tool question req/s "p50 ms" "p99 ms" "peak RSS" errors "1 req ms"
awk -F'\t' '{ printf "%-10s %-22s %10.0f %10.3f %10.3f %6d MB %7d %12.3f\n", $1, $2, $3, $4, $5, $6, $7, $9 }' "$results"
echo
printf '%-22s %22s %22s %22s\n' question "req/s timeline/datas." "p50 datas./timeline" "p99 datas./timeline"
awk -F'\t' '$1 == "timeline" { r[$2] = $3; p50[$2] = $4; p99[$2] = $5; order[++n] = $2 }
  $1 == "datasette" { dr[$2] = $3; d50[$2] = $4; d99[$2] = $5 }
  END { for (i = 1; i <= n; i++) { q = order[i]
    printf "%-22s %21.2fx %21.2fx %21.2fx\n", q, r[q] / (dr[q] > 0 ? dr[q] : 1e-9), d50[q] / (p50[q] > 0 ? p50[q] : 1e-9), d99[q] / (p99[q] > 0 ? p99[q] : 1e-9) } }' "$results"
for q in "${questions[@]}"; do
  IFS='|' read -r name _ _ <<< "$q"
  echo "answer size, $name: timeline $(cat "$work/bytes.tl.$(slug "$name")") bytes, datasette $(cat "$work/bytes.ds.$(slug "$name")") bytes"
done
if [ -n "$save" ]; then mkdir -p "$save"; cp "$work"/wrk-outputs/* "$results" "$save/"; fi
total_errors=$(awk -F'\t' '{ n += $7 } END { print n + 0 }' "$results")
if [ "$total_errors" != 0 ]; then
  echo "serve.sh: $total_errors errors (non-2xx/3xx answers or socket errors)" >&2
  exit 1
fi
