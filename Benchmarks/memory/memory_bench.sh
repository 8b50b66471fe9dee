#!/usr/bin/env bash
# Server memory at 1M users × 10k items × 64 factors (issue 6 "Must show": RSS ≤ model factors + 64 MiB).
#
#   bash Benchmarks/memory/memory_bench.sh          # trains the 1M-user model, then measures
#   MODEL=path bash Benchmarks/memory/memory_bench.sh   # reuse a model trained by the same data (c0..c999999)
#
# Reports RSS split into RssAnon / RssFile (/proc/PID/status) for: a server with a 100-user model
# (process baseline), the 1M-user server right after load, after TOUCH recommend requests for
# users drawn uniformly over the whole ID range (Benchmarks/memory/touch_users.py), and after an
# 8×8 mixed load (80% recommend / 20% feedback) of DURATION s. Also the model load time (start
# to `listening on`, and one `affinity recommend` call). Needs a release build (make release).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release/affinity}
USERS=${USERS:-1000000}
TOUCH=${TOUCH:-400000}
DURATION=${DURATION:-3}
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
. Benchmarks/lib/serve.sh

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

make_data() {  # users path — the same seeded generator as serve_bench.sh
  python3 Benchmarks/serve_data.py "$1" "$2"
}
mem() {  # pid → "RSS anon file" in MiB
  awk '/^VmRSS/ {r=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%.1f %.1f %.1f", r/1024, a/1024, f/1024}' "/proc/$1/status"
}
start_server() {  # model
  local t0=$(date +%s.%N)
  "$BIN" serve --model "$1" --data-dir "$WORK/data-$RANDOM" --port 0 --log-level warning --fsync batch > "$WORK/serve.out" 2> "$WORK/serve.err" &
  SERVER=$!
  PORT=$(server_port "$WORK/serve.out" "$WORK/serve.err") || exit 1
  STARTUP=$(python3 -c "print(round($(date +%s.%N) - $t0, 2))")
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""; }

make_data 100 "$WORK/tiny.csv"
"$BIN" train als --input "$WORK/tiny.csv" --factors 64 --iterations 1 --seed 42 --output "$WORK/tiny.affinity" >/dev/null 2>&1
start_server "$WORK/tiny.affinity"
"$BIN" bench serve --port "$PORT" --connections 8 --pipeline 8 --duration 1 --op recommend --json >/dev/null 2>&1
read -r R A F <<< "$(mem "$SERVER")"
echo "baseline (100-user model, after 1 s of recommend load): RSS $R MiB = anon $A + file $F"
stop_server

if [ -z "${MODEL:-}" ]; then
  make_data "$USERS" "$WORK/big.csv"
  "$BIN" train als --input "$WORK/big.csv" --factors 64 --iterations 1 --seed 42 --output "$WORK/big.affinity" >/dev/null 2>&1
  rm -f "$WORK/big.csv"
  MODEL="$WORK/big.affinity"
fi
echo "model file: $(du -m "$MODEL" | cut -f1) MiB ($MODEL)"
cat "$MODEL" > /dev/null  # page cache warm, so load time measures the reader, not the disk
T0=$(date +%s.%N); "$BIN" recommend --model "$MODEL" --user c1 --k 10 > /dev/null
echo "affinity recommend (load + one query), warm cache: $(python3 -c "print(round($(date +%s.%N) - $T0, 2))") s"
start_server "$MODEL"
FACTOR_BYTES=$("$BIN" client --port "$PORT" model_info | python3 -c "import json,sys; print(json.load(sys.stdin)['result']['factor_bytes'])")
FACTORS=$(python3 -c "print(round($FACTOR_BYTES / 1048576, 1))")
echo "server start to 'listening on': $STARTUP s; model factors $FACTORS MiB; budget $(python3 -c "print(round($FACTORS + 64, 1))") MiB"
read -r R A F <<< "$(mem "$SERVER")"; echo "after load: RSS $R MiB = anon $A + file $F"
echo "touch: $(python3 Benchmarks/memory/touch_users.py "$PORT" "$USERS" "$TOUCH")"
read -r R A F <<< "$(mem "$SERVER")"; echo "after $TOUCH recommends over the whole ID range: RSS $R MiB = anon $A + file $F"
echo "sequential recommend: $("$BIN" bench serve --port "$PORT" --connections 1 --pipeline 1 --duration "$DURATION" --op recommend --json 2>/dev/null | tail -1)"
echo "mixed 8x8: $("$BIN" bench serve --port "$PORT" --connections 8 --pipeline 8 --duration "$DURATION" --op mixed --json 2>/dev/null | tail -1)"
read -r R A F <<< "$(mem "$SERVER")"; echo "after the mixed load: RSS $R MiB = anon $A + file $F (load average $(cut -d' ' -f1 /proc/loadavg))"
grep -E '^(Rss|Pss|Anonymous|Private)' "/proc/$SERVER/smaps_rollup" | tr '\n' ' '; echo
stop_server
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
