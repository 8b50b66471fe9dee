#!/usr/bin/env bash
# Server load benchmark (issue 6 "Must show"): affinity serve vs redis-server as the loopback reference,
# alternating in the same run. Loads come from a second process (affinity bench serve / redis-benchmark).
#
#   bash Benchmarks/serve_bench.sh            # 10k items × 64 factors; ROUNDS=3, DURATION=5 s each
#   BIG=1 bash Benchmarks/serve_bench.sh      # also: RSS at 1M users × 10k items × 64 factors
#
# Needs a release build (make release) and redis-server + redis-benchmark (apt-get install redis-server redis-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/affinity}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
USERS=${USERS:-20000}
WORK=$(mktemp -d)
SERVER=""; REDIS=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$REDIS" ] && kill "$REDIS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
. Benchmarks/lib/serve.sh

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Seeded interactions: USERS users × 10 events over 10,000 items (user,item,weight).
make_data() {
  python3 Benchmarks/serve_data.py "$1" "$2"
}

start_server() {  # model, extra args…
  local model=$1; shift
  "$BIN" serve --model "$model" --data-dir "$WORK/data-$RANDOM" --port 0 --log-level warning "$@" > "$WORK/serve.out" 2> "$WORK/serve.err" &
  SERVER=$!
  PORT=$(server_port "$WORK/serve.out" "$WORK/serve.err") || exit 1
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
json_field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }

make_data "$USERS" "$WORK/events.csv"
"$BIN" train als --input "$WORK/events.csv" --factors 64 --iterations 3 --seed 42 --output "$WORK/model.affinity" >/dev/null 2>&1
start_server "$WORK/model.affinity" --fsync batch
FACTOR_BYTES=$("$BIN" client --port "$PORT" model_info | python3 -c "import json,sys; print(json.load(sys.stdin)['result']['factor_bytes'])")

RPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
REDIS=$!
for _ in $(seq 1 100); do redis-cli -p "$RPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

redis_rps() {  # clients pipeline → requests per second of PING_MBULK
  redis-benchmark -h 127.0.0.1 -p "$RPORT" -t ping -c "$1" -P "$2" -n "$3" --csv 2>/dev/null \
    | awk -F'"' '/PING_MBULK/ {print $4}'
}
redis_p99() {  # sequential p99 in ms (redis-benchmark 7 prints percentiles in --csv)
  redis-benchmark -h 127.0.0.1 -p "$RPORT" -t ping -c 1 -P 1 -n 50000 --csv 2>/dev/null \
    | awk -F'"' '/PING_MBULK/ {print $14}'
}

printf '| round | ours seq p50 ms | ours seq p99 ms | redis seq p99 ms | ours 32×8 recommend/s | redis 32×8 ping/s | ours 32×8 feedback/s (fsync batch) |\n|---|---|---|---|---|---|---|\n'
for r in $(seq 1 "$ROUNDS"); do
  SEQ=$("$BIN" bench serve --port "$PORT" --connections 1 --pipeline 1 --duration "$DURATION" --op recommend --json 2>/dev/null)
  RSEQ=$(redis_p99)
  REC=$("$BIN" bench serve --port "$PORT" --connections 32 --pipeline 8 --duration "$DURATION" --op recommend --json 2>/dev/null)
  RPING=$(redis_rps 32 8 2000000)
  FB=$("$BIN" bench serve --port "$PORT" --connections 32 --pipeline 8 --duration "$DURATION" --op feedback --json 2>/dev/null)
  printf '| %s | %s | %s | %s | %.0f | %s | %.0f |\n' "$r" "$(echo "$SEQ" | json_field p50_ms)" "$(echo "$SEQ" | json_field p99_ms)" \
    "$RSEQ" "$(echo "$REC" | json_field throughput)" "$RPING" "$(echo "$FB" | json_field throughput)"
done
echo "errors in the last round: seq $(echo "$SEQ" | json_field errors), recommend $(echo "$REC" | json_field errors), feedback $(echo "$FB" | json_field errors)"
echo "server RSS after the runs: $(rss_mib "$SERVER") MiB; model factors $(python3 -c "print(round($FACTOR_BYTES/1048576,1))") MiB ($USERS users × 10000 items × 64)"
stop_server

if [ "${BIG:-0}" = 1 ]; then
  make_data 1000000 "$WORK/big.csv"
  "$BIN" train als --input "$WORK/big.csv" --factors 64 --iterations 1 --seed 42 --output "$WORK/big.affinity" >/dev/null 2>&1
  rm -f "$WORK/big.csv"
  start_server "$WORK/big.affinity" --fsync batch
  BIGBYTES=$("$BIN" client --port "$PORT" model_info | python3 -c "import json,sys; print(json.load(sys.stdin)['result']['factor_bytes'])")
  "$BIN" bench serve --port "$PORT" --connections 8 --pipeline 8 --duration "$DURATION" --op mixed --json 2>/dev/null | tail -1
  echo "1M users: server RSS $(rss_mib "$SERVER") MiB; model factors $(python3 -c "print(round($BIGBYTES/1048576,1))") MiB; budget factors + 64 MiB"
  stop_server
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
